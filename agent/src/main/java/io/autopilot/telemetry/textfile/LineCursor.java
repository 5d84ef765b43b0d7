package io.autopilot.telemetry.textfile;

/**
 * Reads the tokens of one line of the text format, left to right. Tokens are separated by blanks and tabs; names are
 * the classic Prometheus names (no quoted UTF-8 names, as the node exporter's textfile collector reads them), and the
 * escapes are the format's: {@code \\} and {@code \n} in help text, and also {@code \"} in a label value. Every
 * method throws {@link TextFormatException} naming the line.
 */
final class LineCursor {
    private final String text;
    private final int line;
    private int at;

    LineCursor(String text, int line) {
        this.text = text;
        this.line = line;
    }

    int line() {
        return line;
    }

    TextFormatException problem(String message) {
        return new TextFormatException(line, message);
    }

    void skipBlanks() {
        while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
            at++;
        }
    }

    boolean atEnd() {
        return at >= text.length();
    }

    /** Whether the next character is {@code c}; if it is, it is consumed. */
    boolean take(char c) {
        if (!atEnd() && text.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    void expect(char c, String where) {
        if (!take(c)) {
            throw problem("expected '" + c + "' " + where + ", found " + found());
        }
    }

    /** A metric name: a letter, {@code _} or {@code :}, then letters, digits, {@code _} and {@code :}. */
    String metricName() {
        int start = at;
        while (!atEnd() && (isNameStart(text.charAt(at)) || (at > start && isDigit(text.charAt(at))))) {
            at++;
        }
        if (at == start) {
            throw problem("expected a metric name, found " + found());
        }
        return text.substring(start, at);
    }

    /** A label name: a letter or {@code _}, then letters, digits and {@code _}. */
    String labelName() {
        int start = at;
        while (!atEnd() && (isLabelStart(text.charAt(at)) || (at > start && isDigit(text.charAt(at))))) {
            at++;
        }
        if (at == start) {
            throw problem("expected a label name, found " + found());
        }
        return text.substring(start, at);
    }

    /** A quoted label value, the quotes consumed and the escapes resolved. */
    String quoted() {
        expect('"', "to open a label value");
        var value = new StringBuilder();
        while (!atEnd() && text.charAt(at) != '"') {
            char c = text.charAt(at++);
            value.append(c == '\\' ? escaped(true) : c);
        }
        if (!take('"')) {
            throw problem("a label value is not closed by '\"'");
        }
        return value.toString();
    }

    /** The characters up to the next blank, tab or the end of the line. */
    String token() {
        int start = at;
        while (!atEnd() && text.charAt(at) != ' ' && text.charAt(at) != '\t') {
            at++;
        }
        return text.substring(start, at);
    }

    /** The rest of the line as it is written. */
    String remainder() {
        String rest = text.substring(at);
        at = text.length();
        return rest;
    }

    /** The rest of the line as help text, its escapes resolved. */
    String rest() {
        var value = new StringBuilder();
        while (!atEnd()) {
            char c = text.charAt(at++);
            value.append(c == '\\' ? escaped(false) : c);
        }
        return value.toString();
    }

    private char escaped(boolean quote) {
        if (atEnd()) {
            throw problem("a '\\' ends the line; escape it as '\\\\'");
        }
        char c = text.charAt(at++);
        return switch (c) {
            case '\\' -> '\\';
            case 'n' -> '\n';
            case '"' -> {
                if (!quote) {
                    throw problem("'\\\"' is not an escape in help text (only '\\\\' and '\\n' are)");
                }
                yield '"';
            }
            default -> throw problem("'\\" + c + "' is not an escape (" + (quote ? "'\\\\', '\\\"' and '\\n' are"
                    : "'\\\\' and '\\n' are") + ")");
        };
    }

    /** What is at the cursor, for a message. */
    private String found() {
        if (atEnd()) {
            return "the end of the line";
        }
        return "'" + text.substring(at, text.offsetByCodePoints(at, 1)) + "'";
    }

    private static boolean isNameStart(char c) {
        return isLabelStart(c) || c == ':';
    }

    private static boolean isLabelStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
