package io.autopilot.logging;

/**
 * A JSON string as Go's {@code encoding/json} writes it with HTML escaping on (logrus's JSON format, Go 1.9):
 * {@code \n \r \t} and {@code \" \\} use short escapes (Go 1.9 had none for backspace and form feed); other
 * control characters and {@code < > &} become six-character escapes (backslash, {@code u00}, two hex digits);
 * U+2028 and U+2029 are escaped too, so the line is also valid JavaScript; everything else, DEL and non-ASCII
 * included, is written as is. A lone surrogate, which Go would have seen as invalid UTF-8, becomes the escape of
 * U+FFFD, as Go writes it.
 */
final class JsonString {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonString() {}

    static void append(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"', '\\' -> out.append('\\').append(c);
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> unicode(out, c);
                default -> {
                    if (c < ' ') {
                        unicode(out, c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        out.append("\\ufffd");
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void unicode(StringBuilder out, char c) {
        out.append("\\u");
        for (int shift = 12; shift >= 0; shift -= 4) {
            out.append(HEX[(c >> shift) & 0xF]);
        }
    }
}
