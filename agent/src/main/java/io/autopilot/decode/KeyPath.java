package io.autopilot.decode;

/**
 * The path of a key as the user would write it: {@code jobs[1] (name "web").health.interval}. Immutable; each step
 * returns a new path.
 */
public final class KeyPath {
    private static final KeyPath ROOT = new KeyPath("", "");
    private final String text;
    private final String pattern;

    private KeyPath(String text, String pattern) {
        this.text = text;
        this.pattern = pattern;
    }

    public static KeyPath root() {
        return ROOT;
    }

    public KeyPath key(String key) {
        return new KeyPath(text.isEmpty() ? key : text + "." + key, pattern.isEmpty() ? key : pattern + "." + key);
    }

    public KeyPath index(int index) {
        return new KeyPath(text + "[" + index + "]", pattern + "[]");
    }

    /** An array element that has a name: the name makes the message findable when the index alone would not. */
    public KeyPath index(int index, String name) {
        if (name == null || name.isBlank()) {
            return index(index);
        }
        return new KeyPath(text + "[" + index + "] (name \"" + name + "\")", pattern + "[]");
    }

    /** The path with every array index left out, {@code jobs[].health.interval}: the same for every element. */
    public String pattern() {
        return pattern;
    }

    @Override
    public String toString() {
        return text;
    }
}
