package io.autopilot.templates;

import java.nio.charset.StandardCharsets;

/** Go's {@code html}, {@code js} and {@code urlquery} escapers, byte for byte. */
final class WebEscapes {
    private static final String UPPER_HEX = "0123456789ABCDEF";

    private WebEscapes() {
    }

    /** {@code template.HTMLEscapeString}. */
    static String html(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            RenderLimits.checkText(out.length(), "html");
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("&#34;");
                case '\'' -> out.append("&#39;");
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\0' -> out.append('\uFFFD');
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code template.JSEscapeString}: quotes, angle brackets, {@code &} and {@code =} become escapes. */
    static String js(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            RenderLimits.checkText(out.length(), "js");
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '"' -> out.append("\\\"");
                case '<' -> out.append("\\u003C");
                case '>' -> out.append("\\u003E");
                case '&' -> out.append("\\u0026");
                case '=' -> out.append("\\u003D");
                default -> {
                    if (c < ' ') {
                        out.append("\\u00").append(UPPER_HEX.charAt(c >> 4)).append(UPPER_HEX.charAt(c & 0xf));
                    } else if (c >= 0x80 && !GoQuote.isPrint(c)) {
                        out.append(String.format("\\u%04X", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }

    /** {@code url.QueryEscape}: space becomes {@code +}, all but {@code A-Za-z0-9-_.~} is percent-encoded. */
    static String urlQuery(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            RenderLimits.checkText(out.length(), "urlquery");
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-_.~".indexOf(c) >= 0) {
                out.append((char) c);
            } else if (c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(UPPER_HEX.charAt(c >> 4)).append(UPPER_HEX.charAt(c & 0xf));
            }
        }
        return out.toString();
    }
}
