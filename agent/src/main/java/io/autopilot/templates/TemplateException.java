package io.autopilot.templates;

import java.io.Serial;

/**
 * A template that cannot be parsed or rendered: the template's name, the 1-based line and column of the offending
 * text, and a reason worded like Go's ({@code function "foo" not defined}). The message reads as Go's does, with the
 * column added: {@code template: app.json5:3:14: function "foo" not defined}.
 */
public final class TemplateException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String templateName;
    private final int line;
    private final int column;
    private final String reason;

    TemplateException(String templateName, int line, int column, String reason) {
        this(templateName, line, column, reason, null);
    }

    TemplateException(String templateName, int line, int column, String reason, Throwable cause) {
        super("template: " + templateName + ":" + line + ":" + column + ": " + reason, cause);
        this.templateName = templateName;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    /** The name the template was parsed under, usually the file name. */
    public String templateName() {
        return templateName;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The message without the {@code template: name:line:column:} prefix. */
    public String reason() {
        return reason;
    }
}
