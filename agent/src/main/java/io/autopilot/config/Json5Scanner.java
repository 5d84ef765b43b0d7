package io.autopilot.config;

import io.autopilot.decode.EnvironmentValues;
import io.autopilot.decode.Origin;

/**
 * A cursor over JSON5 text: skips white space and comments, reads identifiers, and describes what it is looking at for
 * error messages. The parser and the literal readers ({@link Json5Strings}, {@link Json5Numbers}) move it forward.
 *
 * <p>The character classes are those of the JSON5 spec (which borrows them from ECMAScript 5.1): white space is tab,
 * vertical tab, form feed, space, no-break space, the byte order mark, any other Unicode space separator (Zs) and the
 * line terminators LF, CR, U+2028 and U+2029.
 */
final class Json5Scanner {
    static final int END = -1;

    private final RenderedSource source;
    private final String text;
    private int position;

    Json5Scanner(RenderedSource source) {
        this.source = source;
        this.text = source.text();
    }

    String sourceText() {
        return text;
    }

    /** The text {@code [start, end)} for a message: what a template action printed there is hidden. */
    String shown(int start, int end) {
        return source.shown(start, end);
    }

    /** {@link #tokenAt} for a message. */
    String shownToken(int index) {
        return shown(index, index + tokenAt(index).length());
    }

    int position() {
        return position;
    }

    boolean atEnd() {
        return position >= text.length();
    }

    /** The code point at the cursor, or {@link #END}. */
    int peek() {
        return peekAt(position);
    }

    int peekAt(int index) {
        return index < text.length() ? text.codePointAt(index) : END;
    }

    /** Moves past the code point at the cursor and returns it. */
    int next() {
        int c = peek();
        position += Character.charCount(c);
        return c;
    }

    boolean lookingAt(String literal) {
        return text.startsWith(literal, position);
    }

    void skip(int chars) {
        position += chars;
    }

    Origin origin(int index) {
        return source.origin(index);
    }

    ConfigSyntaxException errorAt(int index, String reason) {
        return source.errorAt(index, reason);
    }

    /** Skips white space and comments; an unclosed block comment is an error at its start. */
    void skipSpaceAndComments() {
        while (!atEnd()) {
            int c = peek();
            if (isWhiteSpace(c)) {
                next();
            } else if (lookingAt("//")) {
                while (!atEnd() && !isLineTerminator(peek())) {
                    next();
                }
            } else if (lookingAt("/*")) {
                int end = text.indexOf("*/", position + 2);
                if (end < 0) {
                    throw errorAt(position, "comment is never closed: this '/*' has no matching '*/'");
                }
                position = end + 2;
            } else {
                return;
            }
        }
    }

    /** The plain word (identifier characters, no escapes) at {@code index}; empty when none starts there. */
    String wordAt(int index) {
        int end = index;
        while (end < text.length() && (end == index ? isIdentifierStart(text.codePointAt(end))
                : isIdentifierPart(text.codePointAt(end)))) {
            end += Character.charCount(text.codePointAt(end));
        }
        return text.substring(index, end);
    }

    /** The run of identifier characters and dots at {@code index}: a word, or a malformed number such as 5s or 1.2.3. */
    String tokenAt(int index) {
        int end = index;
        while (end < text.length() && (isIdentifierPart(text.codePointAt(end)) || text.charAt(end) == '.')) {
            end += Character.charCount(text.codePointAt(end));
        }
        return text.substring(index, end);
    }

    /**
     * Reads an ECMAScript IdentifierName, the form of an unquoted key; {@code \}{@code uXXXX} escapes count as the
     * character they stand for, as the spec says. The cursor must be on an identifier start or a backslash.
     */
    String readIdentifierName() {
        StringBuilder name = new StringBuilder();
        while (!atEnd()) {
            int start = position;
            int c = peek() == '\\' ? readIdentifierEscape() : peek();
            boolean fits = name.isEmpty() ? isIdentifierStart(c) : isIdentifierPart(c);
            if (!fits) {
                if (start != position) {
                    throw errorAt(start, "'" + shown(start, position) + "' stands for a character that"
                            + " cannot be part of an unquoted key; quote the key");
                }
                break;
            }
            if (start == position) {
                next();
            }
            name.appendCodePoint(c);
        }
        return name.toString();
    }

    private int readIdentifierEscape() {
        int start = position;
        if (!lookingAt("\\u") || !Json5Strings.isHex(text, position + 2, 4)) {
            throw errorAt(start, "a backslash in an unquoted key must start a \\uXXXX escape; quote the key");
        }
        position += 6;
        return Integer.parseInt(text.substring(start + 2, start + 6), 16);
    }

    /**
     * What is at {@code index}, as an error message names it: {@code end of file}, {@code 'word'}, {@code '}'}; never
     * what a template action printed there.
     */
    String describe(int index) {
        if (source.printedAt(index)) {
            return EnvironmentValues.HIDDEN;
        }
        int c = peekAt(index);
        if (c == END) {
            return "end of file";
        }
        if (isLineTerminator(c)) {
            return "a line break";
        }
        if (isIdentifierStart(c) || Character.isDigit(c)) {
            return "'" + shownToken(index) + "'";
        }
        if (Character.isISOControl(c) || Character.isWhitespace(c) || Character.getType(c) == Character.FORMAT) {
            return String.format("U+%04X", c);
        }
        return c == '\'' ? "\"'\"" : "'" + Character.toString(c) + "'";
    }

    static boolean isWhiteSpace(int c) {
        return switch (c) {
            case '\t', 0x0B, '\f', ' ', 0xA0, 0xFEFF, '\n', '\r', 0x2028, 0x2029 -> true;
            default -> Character.getType(c) == Character.SPACE_SEPARATOR;
        };
    }

    static boolean isLineTerminator(int c) {
        return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029;
    }

    static boolean isIdentifierStart(int c) {
        if (c == '$' || c == '_') {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.LETTER_NUMBER -> true;
            default -> false;
        };
    }

    static boolean isIdentifierPart(int c) {
        if (isIdentifierStart(c) || c == 0x200C || c == 0x200D) {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.NON_SPACING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
                 Character.CONNECTOR_PUNCTUATION -> true;
            default -> false;
        };
    }
}
