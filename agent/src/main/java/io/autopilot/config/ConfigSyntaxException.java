package io.autopilot.config;

import io.autopilot.decode.Origin;

/**
 * The configuration text cannot be read as a tree: a JSON5 syntax error, a HOCON parse error or an unresolved HOCON
 * substitution. Unchecked, because it ends the load at once (unlike decoding problems, which are collected): there is
 * no tree to report more problems about.
 *
 * <p>The message follows ContainerPilot's {@code parse error at line:col} with its excerpt, led by the file name so
 * that it reads like every other location we print:
 * <pre>
 * app.json5:14:7: expected ',' or '}' after the value of "interval", found '"'
 *     interval: 5
 *     "ttl": 10
 *     ^
 * </pre>
 * The line is the source file's (mapped back through the template rendering); the excerpt is the rendered text that
 * was actually parsed, so it shows what the parser saw. The column is 0 when unknown (HOCON reports lines only).
 */
public final class ConfigSyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    // Origin is a record that is not Serializable; nobody serializes this exception, so it need not survive that.
    private final transient Origin origin;
    private final String reason;
    private final String excerpt;

    public ConfigSyntaxException(Origin origin, String reason, String excerpt) {
        super(origin.position() + ": " + reason + (excerpt.isEmpty() ? "" : "\n" + excerpt));
        this.origin = origin;
        this.reason = reason;
        this.excerpt = excerpt;
    }

    /** Where the error is: file, source line and column (each 0 when unknown). */
    public Origin origin() {
        return origin;
    }

    /** What is wrong, without the location and the excerpt. */
    public String reason() {
        return reason;
    }

    /** The offending line (and the one before it), with a caret under the column when it is known; may be empty. */
    public String excerpt() {
        return excerpt;
    }
}
