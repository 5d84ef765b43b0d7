package io.autopilot.config;

/**
 * Reads a JSON5 string literal: single- or double-quoted, with every ECMAScript 5.1 escape. {@code \'}, {@code \"},
 * {@code \\}, {@code \b}, {@code \f}, {@code \n}, {@code \r}, {@code \t}, {@code \v}, {@code \0} (not before a digit),
 * {@code \xHH} and {@code \}{@code uXXXX}; a backslash before a line terminator continues the string on the next line
 * and adds nothing; a backslash before any other character (except a digit) stands for that character, so
 * {@code '\A\C\/\D\C'} is {@code AC/DC}. A raw LF or CR ends the line and so is an error inside a string, while
 * U+2028 and U+2029 may appear raw, as the spec allows.
 */
final class Json5Strings {
    private Json5Strings() {
    }

    /** Reads the string at the cursor (which is on its opening quote) and moves past its closing quote. */
    static String read(Json5Scanner scanner) {
        int start = scanner.position();
        int quote = scanner.next();
        StringBuilder value = new StringBuilder();
        while (true) {
            int c = scanner.peek();
            if (c == Json5Scanner.END || c == '\n' || c == '\r') {
                throw unclosed(scanner, start, quote);
            }
            scanner.next();
            if (c == quote) {
                return value.toString();
            }
            if (c == '\\') {
                readEscape(scanner, value, start, quote);
            } else {
                value.appendCodePoint(c);
            }
        }
    }

    private static void readEscape(Json5Scanner scanner, StringBuilder value, int stringStart, int quote) {
        int backslash = scanner.position() - 1;
        int c = scanner.next();
        switch (c) {
            case Json5Scanner.END -> throw unclosed(scanner, stringStart, quote);
            case 'b' -> value.append('\b');
            case 'f' -> value.append('\f');
            case 'n' -> value.append('\n');
            case 'r' -> value.append('\r');
            case 't' -> value.append('\t');
            case 'v' -> value.append('\u000B');
            case '0' -> {
                if (Character.isDigit(scanner.peek())) {
                    throw scanner.errorAt(backslash, "invalid escape '" + scanner.shown(backslash,
                            scanner.position() + 1) + "': \\0 must not be followed by a digit (there are no octal"
                            + " escapes)");
                }
                value.append('\0');
            }
            case 'x' -> value.append((char) hex(scanner, backslash, 2));
            case 'u' -> value.append((char) hex(scanner, backslash, 4));
            case '\r' -> {
                if (scanner.peek() == '\n') {
                    scanner.next();
                }
            }
            case '\n', 0x2028, 0x2029 -> {
                // A line continuation: the backslash and the line break stand for nothing.
            }
            default -> {
                if (c >= '1' && c <= '9') {
                    throw scanner.errorAt(backslash, "invalid escape '" + scanner.shown(backslash,
                            scanner.position()) + "': a digit cannot be escaped (only \\0 is allowed)");
                }
                value.appendCodePoint(c);
            }
        }
    }

    private static int hex(Json5Scanner scanner, int backslash, int digits) {
        String text = scanner.sourceText();
        int start = scanner.position();
        int found = 0;
        while (found < digits && isHex(text, start + found, 1)) {
            found++;
        }
        if (found < digits) {
            char kind = text.charAt(backslash + 1);
            throw scanner.errorAt(backslash, "invalid escape '\\" + kind + scanner.shown(start, start + found)
                    + "': \\" + kind + " must be followed by " + digits + " hex digits, found "
                    + scanner.describe(start + found));
        }
        scanner.skip(digits);
        return Integer.parseInt(text.substring(start, start + digits), 16);
    }

    /** Whether {@code digits} ASCII hex digits start at {@code start}. */
    static boolean isHex(String text, int start, int digits) {
        if (start + digits > text.length()) {
            return false;
        }
        for (int i = start; i < start + digits; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    private static ConfigSyntaxException unclosed(Json5Scanner scanner, int start, int quote) {
        String where = scanner.atEnd() ? "the end of the file" : "the end of its line";
        return scanner.errorAt(start, "string is never closed: no " + quoteName(quote) + " before " + where
                + " (write \\n for a line break, or end the line with \\ to continue the string)");
    }

    private static String quoteName(int quote) {
        return quote == '"' ? "closing '\"'" : "closing \"'\"";
    }
}
