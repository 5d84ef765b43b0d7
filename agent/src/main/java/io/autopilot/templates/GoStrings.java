package io.autopilot.templates;

/** Go's string helpers where Java's differ, for the functions templates call. */
public final class GoStrings {
    private GoStrings() {
    }

    /** Go's {@code strings.TrimSpace}: leading and trailing white space as {@code unicode.IsSpace} counts it. */
    public static String trimSpace(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    /** Go's {@code unicode.IsSpace}, which unlike {@link Character#isWhitespace} counts U+00A0 and U+0085. */
    private static boolean isSpace(char c) {
        return c == ' ' || c >= '\t' && c <= '\r' || c == '\u0085' || c == '\u00A0' || Character.isSpaceChar(c);
    }
}
