package io.autopilot.config;

/**
 * The tokens of a rendered config text as {@link ControlSocketScan} needs them: punctuation, strings and unquoted
 * words, with comments and whitespace skipped and brackets matched. It checks no more of the syntax than that; what
 * it cannot read is a {@link Token#isBad() bad} token, and the scan then leaves the file to the full parsers.
 */
final class ConfigTokens {
    enum Kind { PUNCTUATION, QUOTED, WORD, SUBSTITUTION, END, BAD }

    /** One token; {@code depth} is the number of brackets open before it. */
    record Token(Kind kind, String text, boolean escaped, boolean onNewLine, int depth) {

        boolean is(char punctuation) {
            return kind == Kind.PUNCTUATION && text.charAt(0) == punctuation;
        }

        boolean isText() {
            return kind == Kind.QUOTED || kind == Kind.WORD;
        }

        boolean isQuoted() {
            return kind == Kind.QUOTED;
        }

        boolean isSubstitution() {
            return kind == Kind.SUBSTITUTION;
        }


        boolean isEnd() {
            return kind == Kind.END;
        }

        boolean isBad() {
            return kind == Kind.BAD;
        }
    }

    private static final int MAX_DEPTH = 512;

    private final String text;
    private final boolean hocon;
    private final char[] open = new char[MAX_DEPTH];
    private int depth;
    private int position;
    private boolean broken;

    ConfigTokens(String text, boolean hocon) {
        this.text = text;
        this.hocon = hocon;
    }

    /** Whether every bracket was closed by its match and nothing was unreadable. */
    boolean balanced() {
        return depth == 0 && !broken;
    }

    Token next() {
        if (broken) {
            return token(Kind.BAD, "", false);
        }
        boolean newLine = skipBlank();
        if (broken) {
            return token(Kind.BAD, "", false);
        }
        if (position >= text.length()) {
            return token(Kind.END, "", newLine);
        }
        char c = text.charAt(position);
        return switch (c) {
            case '{', '[' -> opening(c, newLine);
            case '}', ']' -> closing(c, newLine);
            case ':', ',', '=' -> punctuation(c, newLine);
            case '"' -> quoted('"', newLine);
            case '\'' -> hocon ? word(newLine) : quoted('\'', newLine);
            case '+' -> hocon ? punctuation(c, newLine) : word(newLine);
            case '$' -> hocon ? substitution(newLine) : word(newLine);
            default -> word(newLine);
        };
    }

    private Token opening(char c, boolean newLine) {
        if (depth == MAX_DEPTH) {
            return bad();
        }
        Token token = punctuation(c, newLine);
        open[depth++] = c;
        return token;
    }

    private Token closing(char c, boolean newLine) {
        if (depth == 0 || open[depth - 1] != (c == '}' ? '{' : '[')) {
            return bad();
        }
        depth--;
        position++;
        return token(Kind.PUNCTUATION, String.valueOf(c), newLine);
    }

    private Token punctuation(char c, boolean newLine) {
        Token token = token(Kind.PUNCTUATION, String.valueOf(c), newLine);
        position++;
        return token;
    }

    private Token quoted(char quote, boolean newLine) {
        if (hocon && text.startsWith("\"\"\"", position)) {
            return bad(); // a multi-line string: left to the full parser
        }
        StringBuilder value = new StringBuilder();
        boolean escaped = false;
        for (int i = position + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == quote) {
                Token token = token(Kind.QUOTED, value.toString(), newLine, escaped);
                position = i + 1;
                return token;
            }
            if (c == '\n' || c == '\r') {
                return bad();
            }
            if (c == '\\') {
                escaped = true;
                i++;
            } else {
                value.append(c);
            }
        }
        return bad();
    }

    private Token substitution(boolean newLine) {
        int end = text.indexOf('}', position);
        if (!text.startsWith("${", position) || end < 0) {
            return bad();
        }
        Token token = token(Kind.SUBSTITUTION, text.substring(position, end + 1), newLine);
        position = end + 1;
        return token;
    }

    private Token word(boolean newLine) {
        int start = position;
        while (position < text.length() && !endsWord(text.charAt(position))) {
            position++;
        }
        return new Token(Kind.WORD, text.substring(start, position), false, newLine, depth);
    }

    private boolean endsWord(char c) {
        return switch (c) {
            case '{', '}', '[', ']', ':', ',', '=', '"', ' ', '\t', '\n', '\r' -> true;
            case '\'' -> !hocon;
            case '#', '+', '$' -> hocon;
            case '/' -> text.startsWith("//", position) || !hocon && text.startsWith("/*", position);
            default -> Character.isWhitespace(c);
        };
    }

    /** Skips whitespace and comments; whether a line ended on the way. */
    private boolean skipBlank() {
        boolean newLine = false;
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c == '\n' || c == '\r') {
                newLine = true;
                position++;
            } else if (Character.isWhitespace(c) || c == '\uFEFF') {
                position++;
            } else if (text.startsWith("//", position) || hocon && c == '#') {
                int end = text.indexOf('\n', position);
                position = end < 0 ? text.length() : end;
            } else if (!hocon && text.startsWith("/*", position)) {
                int end = text.indexOf("*/", position + 2);
                if (end < 0) {
                    broken = true;
                    return newLine;
                }
                newLine |= text.substring(position, end).indexOf('\n') >= 0;
                position = end + 2;
            } else {
                return newLine;
            }
        }
        return newLine;
    }

    private Token bad() {
        broken = true;
        return token(Kind.BAD, "", false);
    }

    private Token token(Kind kind, String value, boolean newLine) {
        return token(kind, value, newLine, false);
    }

    private Token token(Kind kind, String value, boolean newLine, boolean escaped) {
        return new Token(kind, value, escaped, newLine, depth);
    }
}
