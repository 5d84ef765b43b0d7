package io.autopilot.logging;

import java.time.OffsetDateTime;

/**
 * Go's {@code time.RFC3339} and {@code time.RFC3339Nano} layouts. RFC3339Nano trims the fraction's trailing zeros
 * and drops the dot when nothing is left ({@code 05.999999999}), and both print {@code Z} for a zero offset, else
 * {@code +hh:mm}. {@code DateTimeFormatter} has no pattern for the trimmed fraction, hence this.
 */
final class GoTime {
    private GoTime() {}

    static void rfc3339(StringBuilder out, OffsetDateTime time) {
        dateTime(out, time);
        offset(out, time.getOffset().getTotalSeconds());
    }

    static void rfc3339Nano(StringBuilder out, OffsetDateTime time) {
        dateTime(out, time);
        fraction(out, time.getNano());
        offset(out, time.getOffset().getTotalSeconds());
    }

    private static void dateTime(StringBuilder out, OffsetDateTime time) {
        digits(out, time.getYear(), 4);
        digits(out.append('-'), time.getMonthValue(), 2);
        digits(out.append('-'), time.getDayOfMonth(), 2);
        digits(out.append('T'), time.getHour(), 2);
        digits(out.append(':'), time.getMinute(), 2);
        digits(out.append(':'), time.getSecond(), 2);
    }

    private static void fraction(StringBuilder out, int nanos) {
        if (nanos == 0) {
            return;
        }
        int width = 9;
        while (nanos % 10 == 0) {
            nanos /= 10;
            width--;
        }
        digits(out.append('.'), nanos, width);
    }

    private static void offset(StringBuilder out, int totalSeconds) {
        if (totalSeconds == 0) {
            out.append('Z');
            return;
        }
        out.append(totalSeconds < 0 ? '-' : '+');
        int minutes = Math.abs(totalSeconds) / 60; // Go's Z07:00 drops an offset's seconds
        digits(out, minutes / 60, 2);
        digits(out.append(':'), minutes % 60, 2);
    }

    private static void digits(StringBuilder out, int value, int width) {
        String text = Integer.toString(value);
        out.repeat('0', Math.max(0, width - text.length())).append(text);
    }
}
