package io.autopilot.templates;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Go's string quoting ({@code strconv.Quote}, {@code QuoteRune}) and unquoting of template literals. Public for the
 * one other place that must quote as Go does: the log's {@code text} format (logrus quotes values with {@code %q}).
 */
public final class GoQuote {
    private static final String HEX = "0123456789abcdef";

    private GoQuote() {
    }

    /** {@code strconv.Quote}: double-quoted, with Go's escapes for control and non-printable characters. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(c -> appendEscaped(out, c, '"'));
        return out.append('"').toString();
    }

    /** {@link #quote}, stopped at {@link RenderLimits#MAX_TEXT} characters: escapes can make the text ten times longer. */
    static String quoteWithinLimit(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(c -> {
            RenderLimits.checkText(out.length(), "%q");
            appendEscaped(out, c, '"');
        });
        return out.append('"').toString();
    }

    static String quoteRune(long value) {
        int c = value < 0 || value > Character.MAX_CODE_POINT ? 0xFFFD : (int) value;
        StringBuilder out = new StringBuilder().append('\'');
        appendEscaped(out, c, '\'');
        return out.append('\'').toString();
    }

    /** Go's {@code %#U} form, used in lexer messages: {@code U+002F '/'}. */
    static String unicodeName(int c) {
        String hex = String.format("U+%04X", c);
        return isPrint(c) ? hex + " '" + Character.toString(c) + "'" : hex;
    }

    private static void appendEscaped(StringBuilder out, int c, char quote) {
        if (c == quote || c == '\\') {
            out.append('\\').appendCodePoint(c);
        } else if (isPrint(c)) {
            out.appendCodePoint(c);
        } else {
            switch (c) {
                case 0x07 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 0x0b -> out.append("\\v");
                default -> appendHex(out, c);
            }
        }
    }

    private static void appendHex(StringBuilder out, int c) {
        if (c < ' ' || c == 0x7f) {
            out.append("\\x").append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xf));
        } else if (c < 0x10000) {
            out.append(String.format("\\u%04x", c));
        } else {
            out.append(String.format("\\U%08x", c));
        }
    }

    /** Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    static boolean isPrint(int c) {
        if (c == ' ') {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                 Character.UNASSIGNED, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
                 Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }

    /**
     * The value of a quoted literal as written in a template: {@code "…"} with Go's escapes, {@code `…`} raw (carriage
     * returns dropped, as Go does), or a {@code '…'} character constant. {@code \x} and octal escapes are bytes, as in
     * Go, so {@code "\xc3\xa9"} is {@code é}.
     *
     * @throws IllegalArgumentException with Go's wording when the literal is malformed
     */
    static String unquote(String literal) {
        char quote = literal.charAt(0);
        String body = literal.substring(1, literal.length() - 1);
        if (quote == '`') {
            return body.replace("\r", "");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < body.length(); ) {
            int c = body.codePointAt(i);
            if (c != '\\') {
                bytes.writeBytes(Character.toString(c).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(c);
                continue;
            }
            i = escape(body, i + 1, quote, bytes);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int escape(String body, int i, char quote, ByteArrayOutputStream bytes) {
        if (i >= body.length()) {
            throw new IllegalArgumentException("invalid syntax");
        }
        char c = body.charAt(i);
        int simple = switch (c) {
            case 'a' -> 0x07;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'v' -> 0x0b;
            case '\\' -> '\\';
            default -> c == quote ? c : -1;
        };
        if (simple >= 0) {
            bytes.write(simple);
            return i + 1;
        }
        return switch (c) {
            case 'x' -> {
                bytes.write(hex(body, i + 1, 2));
                yield i + 3;
            }
            case 'u', 'U' -> {
                int length = c == 'u' ? 4 : 8;
                int codePoint = hex(body, i + 1, length);
                if (codePoint > Character.MAX_CODE_POINT || codePoint >= 0xD800 && codePoint < 0xE000) {
                    throw new IllegalArgumentException("invalid syntax");
                }
                bytes.writeBytes(Character.toString(codePoint).getBytes(StandardCharsets.UTF_8));
                yield i + 1 + length;
            }
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                bytes.write(octal(body, i));
                yield i + 3;
            }
            default -> throw new IllegalArgumentException("invalid syntax");
        };
    }

    private static int hex(String body, int from, int length) {
        if (from + length > body.length()) {
            throw new IllegalArgumentException("invalid syntax");
        }
        try {
            return Integer.parseUnsignedInt(body.substring(from, from + length), 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid syntax", e);
        }
    }

    private static int octal(String body, int from) {
        if (from + 3 > body.length()) {
            throw new IllegalArgumentException("invalid syntax");
        }
        int value = 0;
        for (int i = from; i < from + 3; i++) {
            char c = body.charAt(i);
            if (c < '0' || c > '7') {
                throw new IllegalArgumentException("invalid syntax");
            }
            value = value * 8 + c - '0';
        }
        if (value > 255) {
            throw new IllegalArgumentException("invalid syntax");
        }
        return value;
    }
}
