package io.autopilot.templates;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Formats one value under one {@link FormatSpec}, as Go's {@code fmt} does for its kind. */
final class ValueFormatter {
    private ValueFormatter() {
    }

    static void format(StringBuilder out, Object value, FormatSpec spec) {
        // Checked for every element, so that printing a long list stops near the limit instead of past memory.
        RenderLimits.checkText(out.length(), "formatting a value");
        if (spec.verb() == 'T') {
            out.append(spec.pad(value == null ? "<nil>" : Kind.typeName(value)));
            return;
        }
        switch (Kind.of(value)) {
            case NIL -> simple(out, value, spec, "<nil>", spec.verb() == 'v');
            case BOOL -> simple(out, value, spec, value.toString(), spec.verb() == 'v' || spec.verb() == 't');
            case INT -> integer(out, value, spec);
            case FLOAT -> floating(out, value, spec);
            case STRING -> string(out, value, Kind.string(value), spec);
            case LIST -> list(out, Kind.list(value), spec);
            case MAP -> map(out, (Map<?, ?>) value, spec);
            case FUNCTION -> simple(out, value, spec, "<func>", spec.verb() == 'v');
            case STRUCT -> {
                if (value instanceof Record record) {
                    RecordFields.format(out, record, spec);
                } else {
                    // Any other object prints through toString, as a Go value through its String method.
                    string(out, value, value.toString(), spec);
                }
            }
        }
    }

    private static void simple(StringBuilder out, Object value, FormatSpec spec, String text, boolean verbFits) {
        if (verbFits) {
            out.append(spec.pad(text));
        } else {
            badVerb(out, value, spec.verb());
        }
    }

    /** Go's reply to a verb that does not suit the value: {@code %!d(string=hi)}. */
    static void badVerb(StringBuilder out, Object value, char verb) {
        out.append("%!").append(verb).append('(');
        out.append(value == null ? "<nil>" : Kind.typeName(value) + "=" + GoFormat.value(value));
        out.append(')');
    }

    private static void list(StringBuilder out, List<?> elements, FormatSpec spec) {
        out.append('[');
        for (int i = 0; i < elements.size(); i++) {
            out.append(i > 0 ? " " : "");
            format(out, elements.get(i), spec);
        }
        out.append(']');
    }

    /** Go prints map entries in sorted key order. */
    private static void map(StringBuilder out, Map<?, ?> map, FormatSpec spec) {
        List<Object> keys = new ArrayList<>(map.keySet());
        keys.sort(Comparison.KEY_ORDER);
        out.append("map[");
        for (int i = 0; i < keys.size(); i++) {
            out.append(i > 0 ? " " : "");
            format(out, keys.get(i), spec);
            out.append(':');
            format(out, map.get(keys.get(i)), spec);
        }
        out.append(']');
    }

    private static void integer(StringBuilder out, Object value, FormatSpec spec) {
        BigInteger number = Kind.bigInteger(value);
        switch (spec.verb()) {
            case 'd', 'v' -> digits(out, number, 10, spec);
            case 'b' -> digits(out, number, 2, spec);
            case 'o', 'O' -> digits(out, number, 8, spec);
            case 'x', 'X' -> digits(out, number, 16, spec);
            case 'c' -> out.append(spec.pad(Character.toString(codePoint(number))));
            case 'q' -> out.append(spec.pad(GoQuote.quoteRune(number.longValue())));
            case 'U' -> {
                String text = String.format("U+%04X", number);
                int c = codePoint(number);
                out.append(spec.pad(spec.sharp() && GoQuote.isPrint(c) ? text + " '" + Character.toString(c) + "'"
                        : text));
            }
            default -> badVerb(out, value, spec.verb());
        }
    }

    private static int codePoint(BigInteger number) {
        long value = number.longValue();
        boolean valid = number.bitLength() < 32 && value >= 0 && value <= Character.MAX_CODE_POINT
                && (value < 0xD800 || value > 0xDFFF);
        return valid ? (int) value : 0xFFFD;
    }

    /** Go's {@code fmtInteger}: precision or zero padding gives leading zeros, then prefix, then sign. */
    private static void digits(StringBuilder out, BigInteger number, int base, FormatSpec spec) {
        boolean negative = number.signum() < 0;
        String digits = number.abs().toString(base);
        if (spec.verb() == 'X') {
            digits = digits.toUpperCase(java.util.Locale.ROOT);
        }
        int minimum = 0;
        if (spec.precision() >= 0) {
            minimum = spec.precision();
            if (minimum == 0 && number.signum() == 0) {
                out.append(spec.withoutZero().pad(""));
                return;
            }
        } else if (spec.zero() && spec.width() >= 0) {
            minimum = spec.width() - (negative || spec.plus() || spec.space() ? 1 : 0);
        }
        if (digits.length() < minimum) {
            RenderLimits.checkText(minimum, "%" + spec.verb());
            digits = "0".repeat(minimum - digits.length()) + digits;
        }
        String prefix = "";
        if (spec.sharp()) {
            prefix = switch (base) {
                case 2 -> "0b";
                case 8 -> digits.startsWith("0") ? "" : "0";
                case 16 -> spec.verb() == 'X' ? "0X" : "0x";
                default -> "";
            };
        }
        if (spec.verb() == 'O') {
            prefix = "0o";
        }
        String sign = negative ? "-" : spec.positiveSign();
        out.append(spec.withoutZero().pad(sign + prefix + digits));
    }

    private static void floating(StringBuilder out, Object value, FormatSpec spec) {
        char verb = spec.verb();
        int precision;
        char goVerb;
        switch (verb) {
            case 'v', 'g', 'G' -> {
                goVerb = verb == 'v' ? 'g' : verb;
                precision = spec.precision();
            }
            case 'e', 'E', 'f', 'F' -> {
                goVerb = verb == 'F' ? 'f' : verb;
                precision = spec.precision() >= 0 ? spec.precision() : 6;
            }
            default -> {
                badVerb(out, value, verb);
                return;
            }
        }
        RenderLimits.checkText(precision, "%" + verb);
        String number = GoFloats.format(Kind.doubleValue(value), value instanceof Float, goVerb, precision);
        if (number.equals("NaN") || number.endsWith("Inf")) {
            // Not numbers to Go's padding: never zero-padded, and NaN shows a sign only when asked.
            String sign = number.equals("NaN") ? spec.positiveSign() : "";
            out.append(spec.withoutZero().pad(sign + number));
            return;
        }
        boolean negative = number.startsWith("-");
        out.append(spec.padNumber(negative ? "-" : spec.positiveSign(), negative ? number.substring(1) : number));
    }

    private static void string(StringBuilder out, Object value, String text, FormatSpec spec) {
        switch (spec.verb()) {
            case 'v', 's' -> out.append(spec.pad(truncate(text, spec.precision())));
            case 'q' -> {
                String s = truncate(text, spec.precision());
                boolean raw = spec.sharp() && s.indexOf('`') < 0 && s.codePoints().allMatch(
                        c -> c == '\t' || c != 0xFEFF && GoQuote.isPrint(c));
                out.append(spec.pad(raw ? "`" + s + "`" : GoQuote.quoteWithinLimit(s)));
            }
            case 'x', 'X' -> out.append(spec.pad(hex(text, spec)));
            default -> badVerb(out, value, spec.verb());
        }
    }

    /** Hex of the UTF-8 bytes; the space flag separates bytes, and {@code #} prefixes each group with 0x. */
    private static String hex(String text, FormatSpec spec) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int length = spec.precision() >= 0 ? Math.min(spec.precision(), bytes.length) : bytes.length;
        HexFormat hex = spec.verb() == 'X' ? HexFormat.of().withUpperCase() : HexFormat.of();
        String prefix = spec.sharp() ? (spec.verb() == 'X' ? "0X" : "0x") : "";
        if (!spec.space()) {
            return length == 0 ? "" : prefix + hex.formatHex(bytes, 0, length);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(i > 0 ? " " : "").append(prefix).append(hex.toHexDigits(bytes[i]));
        }
        return out.toString();
    }

    private static String truncate(String text, int runes) {
        if (runes < 0 || text.codePointCount(0, text.length()) <= runes) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, runes));
    }
}
