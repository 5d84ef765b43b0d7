package io.autopilot.templates;

import java.math.BigInteger;

/**
 * Go's {@code fmt.Sprint}, {@code Sprintln} and {@code Sprintf}, which is also how an action prints its value
 * ({@code %v}: strings as they are, {@code 3} not {@code 3.0}, lists as {@code [a b]}, maps as {@code map[k:v]},
 * null as {@code <nil>}). Mistakes are printed, not thrown, as Go does: {@code %!d(string=hi)},
 * {@code %!s(MISSING)}, {@code %!(EXTRA int=1)}.
 */
final class GoFormat {
    private GoFormat() {
    }

    /** One value as {@code %v}. */
    static String value(Object value) {
        StringBuilder out = new StringBuilder();
        ValueFormatter.format(out, value, FormatSpec.PLAIN_V);
        return out.toString();
    }

    /** Spaces go between two operands only when neither is a string. */
    static String sprint(Object... args) {
        StringBuilder out = new StringBuilder();
        boolean previousString = false;
        for (int i = 0; i < args.length; i++) {
            boolean isString = args[i] instanceof String;
            if (i > 0 && !isString && !previousString) {
                out.append(' ');
            }
            ValueFormatter.format(out, args[i], FormatSpec.PLAIN_V);
            previousString = isString;
        }
        return out.toString();
    }

    static String sprintln(Object... args) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < args.length; i++) {
            if (i > 0) {
                out.append(' ');
            }
            ValueFormatter.format(out, args[i], FormatSpec.PLAIN_V);
        }
        return out.append('\n').toString();
    }

    static String sprintf(String format, Object... args) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        int i = 0;
        while (i < format.length()) {
            RenderLimits.checkText(out.length(), "printf");
            int percent = format.indexOf('%', i);
            if (percent < 0) {
                out.append(format, i, format.length());
                break;
            }
            out.append(format, i, percent);
            Directive directive = Directive.parse(format, percent + 1, args, next);
            out.append(directive.errors());
            i = directive.end();
            next = directive.nextArg();
            if (directive.spec() == null) {
                out.append("%!(NOVERB)");
            } else if (directive.spec().verb() == '%') {
                out.append('%');
            } else if (next >= args.length) {
                out.append("%!").append(directive.spec().verb()).append("(MISSING)");
            } else {
                ValueFormatter.format(out, args[next++], directive.spec());
            }
        }
        if (next < args.length) {
            out.append("%!(EXTRA ");
            for (int extra = next; extra < args.length; extra++) {
                out.append(extra > next ? ", " : "");
                out.append(args[extra] == null ? "<nil>" : Kind.typeName(args[extra]) + "=" + value(args[extra]));
            }
            out.append(')');
        }
        RenderLimits.checkText(out.length(), "printf");
        return out.toString();
    }

    /**
     * A parsed directive: its spec (null when the format ends before a verb), where it ends, the next argument, and
     * what Go writes before the value when a {@code *} width or precision is unusable ({@code %!(BADWIDTH)}).
     */
    private record Directive(FormatSpec spec, int end, int nextArg, String errors) {
        static Directive parse(String format, int i, Object[] args, int nextArg) {
            boolean minus = false;
            boolean plus = false;
            boolean sharp = false;
            boolean space = false;
            boolean zero = false;
            flags:
            for (; i < format.length(); i++) {
                switch (format.charAt(i)) {
                    case '-' -> minus = true;
                    case '+' -> plus = true;
                    case '#' -> sharp = true;
                    case ' ' -> space = true;
                    case '0' -> zero = true;
                    default -> {
                        break flags;
                    }
                }
            }
            String errors = "";
            int width = -1;
            if (i < format.length() && format.charAt(i) == '*') {
                i++;
                Integer given = intArgument(args, nextArg);
                nextArg = Math.min(nextArg + 1, args.length);
                if (given == null) {
                    errors += "%!(BADWIDTH)";
                } else {
                    minus |= given < 0;
                    zero &= given >= 0; // Go pads a negative * width on the right, never with zeros
                    width = Math.abs(given);
                }
            } else {
                Digits number = Digits.parse(format, i);
                if (number.overflow()) {
                    return new Directive(null, format.length(), nextArg, errors);
                }
                i = number.end();
                width = number.value();
            }
            int precision = -1;
            if (i + 1 < format.length() && format.charAt(i) == '.') {
                i++;
                if (format.charAt(i) == '*') {
                    i++;
                    Integer given = intArgument(args, nextArg);
                    nextArg = Math.min(nextArg + 1, args.length);
                    if (given == null || given < 0) {
                        errors += "%!(BADPREC)";
                    } else {
                        precision = given;
                    }
                } else {
                    Digits number = Digits.parse(format, i);
                    if (number.overflow()) {
                        return new Directive(null, format.length(), nextArg, errors);
                    }
                    i = number.end();
                    precision = Math.max(number.value(), 0);
                }
            }
            if (i >= format.length()) {
                return new Directive(null, i, nextArg, errors);
            }
            char verb = format.charAt(i);
            // Go pads only on the left with zeros: "-" wins over "0".
            FormatSpec spec = new FormatSpec(minus, plus, sharp, space, zero && !minus, width, precision, verb);
            return new Directive(spec, i + 1, nextArg, errors);
        }

        /** Go's {@code intFromArg}: an integer argument within {@link RenderLimits#MAX_WIDTH}, else null. */
        private static Integer intArgument(Object[] args, int index) {
            if (index >= args.length || !(args[index] instanceof Number n) || Kind.of(n) != Kind.INT) {
                return null;
            }
            BigInteger value = Kind.bigInteger(n);
            if (value.abs().compareTo(BigInteger.valueOf(RenderLimits.MAX_WIDTH)) > 0) {
                return null;
            }
            return value.intValue();
        }
    }

    /**
     * Go's {@code parsenum}: the digits at {@code start}, -1 when there are none. A number that grows past
     * {@link RenderLimits#MAX_WIDTH} is an overflow, which to Go ends the directive without a verb.
     */
    private record Digits(int value, int end, boolean overflow) {
        static Digits parse(String format, int start) {
            int value = -1;
            int i = start;
            while (i < format.length() && format.charAt(i) >= '0' && format.charAt(i) <= '9') {
                if (value > RenderLimits.MAX_WIDTH) {
                    return new Digits(0, format.length(), true);
                }
                value = Math.max(value, 0) * 10 + format.charAt(i) - '0';
                i++;
            }
            return new Digits(value, i, false);
        }
    }
}
