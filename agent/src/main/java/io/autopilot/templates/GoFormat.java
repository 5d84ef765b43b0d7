package io.autopilot.templates;

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
            int percent = format.indexOf('%', i);
            if (percent < 0) {
                out.append(format, i, format.length());
                break;
            }
            out.append(format, i, percent);
            Directive directive = Directive.parse(format, percent + 1, args, next);
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
        return out.toString();
    }

    /** A parsed directive: its spec (null when the format ends before a verb), where it ends, the next argument. */
    private record Directive(FormatSpec spec, int end, int nextArg) {
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
            int width = -1;
            if (i < format.length() && format.charAt(i) == '*') {
                i++;
                if (nextArg < args.length && args[nextArg] instanceof Number n && Kind.of(n) == Kind.INT) {
                    width = n.intValue();
                    minus |= width < 0;
                    width = Math.abs(width);
                    nextArg++;
                }
            } else {
                int start = i;
                while (i < format.length() && Character.isDigit(format.charAt(i))) {
                    i++;
                }
                width = i > start ? Integer.parseInt(format.substring(start, i)) : -1;
            }
            int precision = -1;
            if (i < format.length() && format.charAt(i) == '.') {
                i++;
                if (i < format.length() && format.charAt(i) == '*') {
                    i++;
                    if (nextArg < args.length && args[nextArg] instanceof Number n && Kind.of(n) == Kind.INT) {
                        precision = Math.max(n.intValue(), -1);
                        nextArg++;
                    }
                } else {
                    int start = i;
                    while (i < format.length() && Character.isDigit(format.charAt(i))) {
                        i++;
                    }
                    precision = i > start ? Integer.parseInt(format.substring(start, i)) : 0;
                }
            }
            if (i >= format.length()) {
                return new Directive(null, i, nextArg);
            }
            char verb = format.charAt(i);
            // Go pads only on the left with zeros: "-" wins over "0".
            FormatSpec spec = new FormatSpec(minus, plus, sharp, space, zero && !minus, width, precision, verb);
            return new Directive(spec, i + 1, nextArg);
        }
    }
}
