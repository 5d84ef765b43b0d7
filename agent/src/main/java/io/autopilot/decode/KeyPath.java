package io.autopilot.decode;

/**
 * The path of a key as the user would write it: {@code jobs[1] (name "web").health.interval}. Immutable; each step
 * returns a new path.
 */
public final class KeyPath {
    private static final KeyPath ROOT = new KeyPath("");
    private final String text;

    private KeyPath(String text) {
        this.text = text;
    }

    public static KeyPath root() {
        return ROOT;
    }

    public KeyPath key(String key) {
        return new KeyPath(text.isEmpty() ? key : text + "." + key);
    }

    public KeyPath index(int index) {
        return new KeyPath(text + "[" + index + "]");
    }

    /** An array element that has a name: the name makes the message findable when the index alone would not. */
    public KeyPath index(int index, String name) {
        if (name == null || name.isBlank()) {
            return index(index);
        }
        return new KeyPath(text + "[" + index + "] (name \"" + name + "\")");
    }

    @Override
    public String toString() {
        return text;
    }
}
