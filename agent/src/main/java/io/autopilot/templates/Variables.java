package io.autopilot.templates;

import java.util.ArrayList;
import java.util.List;

/**
 * The variables of one template invocation, as a stack: {@code $} first, then each declaration. A control structure
 * marks the stack on entry and pops back to the mark at its end, which is Go's scoping; assignment changes the
 * nearest variable of that name, so {@code $x = …} inside a range is seen after it.
 */
final class Variables {
    private static final class Slot {
        private final String name;
        private Object value;

        Slot(String name, Object value) {
            this.name = name;
            this.value = value;
        }
    }

    private final List<Slot> slots = new ArrayList<>();

    Variables(Object dot) {
        push("$", dot);
    }

    int mark() {
        return slots.size();
    }

    void pop(int mark) {
        slots.subList(mark, slots.size()).clear();
    }

    void push(String name, Object value) {
        slots.add(new Slot(name, value));
    }

    /** Sets the {@code n}th variable from the top (1 is the top), as range does for {@code $i, $e}. */
    void setTop(int n, Object value) {
        slots.get(slots.size() - n).value = value;
    }

    void set(String name, Object value) {
        find(name).value = value;
    }

    Object get(String name) {
        return find(name).value;
    }

    private Slot find(String name) {
        for (int i = slots.size() - 1; i >= 0; i--) {
            if (slots.get(i).name.equals(name)) {
                return slots.get(i);
            }
        }
        throw new RenderFailure("undefined variable: " + name);
    }
}
