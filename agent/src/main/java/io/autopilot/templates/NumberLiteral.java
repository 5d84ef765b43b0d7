package io.autopilot.templates;

import java.math.BigInteger;

/**
 * The value of a number or character constant written in a template, with Go's rules: integers in decimal, hex
 * ({@code 0x}), octal ({@code 0o} or a leading {@code 0}) and binary ({@code 0b}), {@code _} separators, and floats
 * (any {@code .}, exponent, or hex {@code p} exponent). Integers become {@link Long}, floats {@link Double}, and a
 * character constant such as {@code 'a'} the {@link Long} of its code point, as Go's ideal constants print.
 */
final class NumberLiteral {
    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private NumberLiteral() {
    }

    /** @throws IllegalArgumentException with Go's wording when the text is not a number it accepts */
    static Object parse(String text) {
        String digits = text.replace("_", "");
        boolean negative = digits.startsWith("-");
        if (negative || digits.startsWith("+")) {
            digits = digits.substring(1);
        }
        if (digits.isEmpty() || digits.endsWith("i")) {
            throw illegal(text);
        }
        String lower = digits.toLowerCase(java.util.Locale.ROOT);
        try {
            if (lower.startsWith("0x")) {
                return lower.contains("p") ? signed(Double.parseDouble(lower), negative)
                        : integer(lower, 2, 16, text, negative);
            }
            if (lower.startsWith("0o")) {
                return integer(lower, 2, 8, text, negative);
            }
            if (lower.startsWith("0b")) {
                return integer(lower, 2, 2, text, negative);
            }
            if (lower.contains(".") || lower.contains("e")) {
                return signed(Double.parseDouble(lower), negative);
            }
            if (lower.length() > 1 && lower.startsWith("0")) {
                return integer(lower, 1, 8, text, negative);
            }
            return integer(lower, 0, 10, text, negative);
        } catch (NumberFormatException e) {
            throw illegal(text);
        }
    }

    private static Object integer(String digits, int prefix, int radix, String text, boolean negative) {
        BigInteger value = new BigInteger(digits.substring(prefix), radix);
        if (negative) {
            value = value.negate();
        }
        if (value.compareTo(MIN) < 0 || value.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("integer overflow: " + GoQuote.quote(text));
        }
        return value.longValue();
    }

    private static Double signed(double value, boolean negative) {
        return negative ? -value : value;
    }

    /** {@code 'a'}, {@code '\n'}, {@code '\u00e9'}: exactly one code point. */
    static Long character(String text) {
        String value;
        try {
            value = GoQuote.unquote(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed character constant: " + text, e);
        }
        if (value.isEmpty() || value.codePointCount(0, value.length()) != 1) {
            throw new IllegalArgumentException("malformed character constant: " + text);
        }
        return (long) value.codePointAt(0);
    }

    private static IllegalArgumentException illegal(String text) {
        return new IllegalArgumentException("illegal number syntax: " + GoQuote.quote(text));
    }
}
