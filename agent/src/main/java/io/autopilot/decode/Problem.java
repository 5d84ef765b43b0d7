package io.autopilot.decode;

/**
 * One thing wrong with the configuration: the key path as the user would write it, what is wrong, and where.
 * Renders as {@code jobs[1] (name "web").health.interval: must be > 0 (app.json5:14)}; a problem of the file as a
 * whole (no key path: it cannot be read, rendered or parsed) renders compiler-style, {@code app.json5:14:7: …}.
 */
public record Problem(String path, String message, Origin origin) {
    @Override
    public String toString() {
        if (path.isEmpty()) {
            return origin.file().isEmpty() ? message : origin.position() + ": " + message;
        }
        StringBuilder text = new StringBuilder();
        text.append(path).append(": ");
        text.append(message);
        String where = origin.toString();
        if (!where.isEmpty()) {
            text.append(" (").append(where).append(')');
        }
        return text.toString();
    }
}
