package io.autopilot.logging;

/**
 * Go's {@code strconv.Quote} ({@code %q}), which logrus's text format uses for any value that needs quoting:
 * printable characters stay as they are, {@code "} and {@code \} are escaped, the seven C escapes are used where
 * they exist, and every other control or non-printable character becomes {@code \x} with two hex digits, or a
 * backslash and {@code u} with four or {@code U} with eight, in lowercase hex.
 */
final class GoQuote {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private GoQuote() {}

    static void quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            rune(out, Character.isSurrogate((char) c) ? 0xFFFD : c);
        }
        out.append('"');
    }

    private static void rune(StringBuilder out, int c) {
        switch (c) {
            case '"', '\\' -> out.append('\\').appendCodePoint(c);
            case 0x07 -> out.append("\\a");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case 0x0B -> out.append("\\v");
            default -> {
                if (isPrint(c)) {
                    out.appendCodePoint(c);
                } else if (c < ' ' || c == 0x7F) {
                    hex(out.append("\\x"), c, 2);
                } else if (c < 0x10000) {
                    hex(out.append("\\u"), c, 4);
                } else {
                    hex(out.append("\\U"), c, 8);
                }
            }
        }
    }

    /** Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    static boolean isPrint(int c) {
        if (c == ' ') {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER,
                 Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
                 Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER,
                 Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                 Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION,
                 Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL,
                 Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }

    private static void hex(StringBuilder out, int value, int width) {
        for (int shift = (width - 1) * 4; shift >= 0; shift -= 4) {
            out.append(HEX[(value >> shift) & 0xF]);
        }
    }
}
