package io.autopilot.templates;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The functions a template may call, by name. Immutable: {@link #with} returns a new table, so one table can be
 * shared by every template and thread. Names are checked when a template is parsed, as Go does, so a misspelt
 * function fails the parse rather than the render. A function added under a built-in's name replaces it.
 */
public final class Functions {
    /** The {@code maxArgs} of a function that takes any number of arguments from {@code minArgs} on. */
    public static final int VARIADIC = Integer.MAX_VALUE;

    /** A function and the number of arguments it takes, which the executor checks with Go's wording. */
    record Entry(String name, int minArgs, int maxArgs, TemplateFunction body) {
        String arityError(int got) {
            String want;
            if (maxArgs == VARIADIC) {
                want = "at least " + minArgs;
            } else if (minArgs == maxArgs) {
                want = Integer.toString(minArgs);
            } else if (maxArgs == minArgs + 1) {
                want = minArgs + " or " + maxArgs;
            } else {
                want = minArgs + " to " + maxArgs;
            }
            return "wrong number of args for " + name + ": want " + want + " got " + got;
        }
    }

    private static final Functions EMPTY = new Functions(Map.of());

    private final Map<String, Entry> entries;

    private Functions(Map<String, Entry> entries) {
        this.entries = Map.copyOf(entries);
    }

    /** Go's built-ins: {@code and or not len index slice print printf println html js urlquery eq ne lt le gt ge call}. */
    public static Functions builtins() {
        return Builtins.register(EMPTY);
    }

    /**
     * Go's built-ins plus ContainerPilot's: {@code default env split join replaceAll regexReplaceAll loop}.
     *
     * @param environment what {@code env "NAME"} reads; null means unset and prints as empty
     */
    public static Functions containerPilot(Function<String, String> environment) {
        return ContainerPilotFunctions.register(builtins(), environment);
    }

    /** This table plus a function taking any number of arguments, which checks them itself. */
    public Functions with(String name, TemplateFunction body) {
        return with(name, 0, VARIADIC, body);
    }

    /** This table plus a function taking exactly {@code arity} arguments. */
    public Functions with(String name, int arity, TemplateFunction body) {
        return with(name, arity, arity, body);
    }

    /** This table plus a function taking {@code minArgs} to {@code maxArgs} ({@link #VARIADIC}) arguments. */
    public Functions with(String name, int minArgs, int maxArgs, TemplateFunction body) {
        Objects.requireNonNull(body, "body");
        if (!name.matches("[\\p{L}_][\\p{L}\\p{Nd}_]*")) {
            throw new IllegalArgumentException("not a template function name: " + name);
        }
        if (minArgs < 0 || maxArgs < minArgs) {
            throw new IllegalArgumentException("bad argument counts for " + name + ": " + minArgs + ".." + maxArgs);
        }
        Map<String, Entry> copy = new HashMap<>(entries);
        copy.put(name, new Entry(name, minArgs, maxArgs, body));
        return new Functions(copy);
    }

    public boolean has(String name) {
        return entries.containsKey(name);
    }

    Optional<Entry> lookup(String name) {
        return Optional.ofNullable(entries.get(name));
    }
}
