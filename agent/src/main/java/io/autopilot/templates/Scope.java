package io.autopilot.templates;

import java.util.ArrayList;
import java.util.List;

/**
 * The variable names visible while parsing. Go checks every {@code $name} at parse time: a variable is visible from
 * its declaration to the {@code end} of the control structure that holds it, and a {@code define} or {@code block}
 * body sees only its own {@code $}.
 */
final class Scope {
    private List<String> names = new ArrayList<>(List.of("$"));

    boolean has(String name) {
        return names.contains(name);
    }

    void declare(String name) {
        names.add(name);
    }

    int mark() {
        return names.size();
    }

    void pop(int mark) {
        names.subList(mark, names.size()).clear();
    }

    /** Starts an isolated scope and returns the outer one, to be {@link #restore}d after. */
    List<String> isolate() {
        List<String> outer = names;
        names = new ArrayList<>(List.of("$"));
        return outer;
    }

    void restore(List<String> outer) {
        names = outer;
    }
}
