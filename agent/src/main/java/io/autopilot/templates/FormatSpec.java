package io.autopilot.templates;

/**
 * One {@code %} directive of a Go format string: flags, width and precision (-1 when absent), and the verb, with
 * Go's padding rules. {@code -} pads on the right and turns {@code 0} off; {@code 0} pads numbers after their sign.
 */
record FormatSpec(boolean minus, boolean plus, boolean sharp, boolean space, boolean zero, int width, int precision,
                  char verb) {
    static final FormatSpec PLAIN_V = new FormatSpec(false, false, false, false, false, -1, -1, 'v');

    /** Pads to the width with spaces, or with zeros on the left when the {@code 0} flag is set. */
    String pad(String text) {
        int missing = width - text.codePointCount(0, text.length());
        if (missing <= 0) {
            return text;
        }
        RenderLimits.checkText((long) text.length() + missing, "%" + verb);
        String padding = (zero ? "0" : " ").repeat(missing);
        return minus ? text + padding : padding + text;
    }

    /** Pads a number so that zero padding goes between its sign and its digits. */
    String padNumber(String sign, String digits) {
        String text = sign + digits;
        int missing = width - text.codePointCount(0, text.length());
        if (zero && !minus && missing > 0) {
            RenderLimits.checkText((long) text.length() + missing, "%" + verb);
            return sign + "0".repeat(missing) + digits;
        }
        return withoutZero().pad(text);
    }

    FormatSpec withoutZero() {
        return new FormatSpec(minus, plus, sharp, space, false, width, precision, verb);
    }

    /**
     * The sign Go shows before a non-negative number: {@code +} with the plus flag, a space with the space flag. With
     * {@code %+v} the plus asks for struct field names instead, so numbers show no sign.
     */
    String positiveSign() {
        return plus && verb != 'v' ? "+" : space ? " " : "";
    }
}
