package io.autopilot.decode;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/**
 * Durations as ContainerPilot reads them: Go's {@code time.ParseDuration} syntax ({@code 300ms}, {@code 1.5h},
 * {@code 2h45m}, units ns us µs ms s m h), or a bare whole number, which means seconds.
 */
public final class GoDuration {
    private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
            "ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDuration() {
    }

    /** @throws IllegalArgumentException with a message fit for the user */
    public static Duration parse(String text) {
        String s = text.trim();
        if (s.matches("[-+]?\\d+")) {
            return Duration.ofSeconds(Long.parseLong(s));
        }
        if (s.isEmpty()) {
            throw invalid(text, "it is empty");
        }
        if (s.chars().anyMatch(Character::isWhitespace)) {
            throw invalid(text, "it contains a space (write e.g. \"1m30s\")");
        }
        boolean negative = s.startsWith("-");
        if (s.startsWith("-") || s.startsWith("+")) {
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        BigDecimal nanos = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String number = s.substring(start, i);
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            String unit = s.substring(unitStart, i);
            if (number.isEmpty() || number.equals(".") || number.chars().filter(c -> c == '.').count() > 1) {
                throw invalid(text, "expected a number before \"" + unit + "\"");
            }
            if (unit.isEmpty()) {
                throw invalid(text, "\"" + number + "\" has no unit (write e.g. \"" + number + "s\"; only whole numbers"
                        + " of seconds may omit it)");
            }
            Long scale = NANOS_PER_UNIT.get(unit);
            if (scale == null) {
                throw invalid(text, "unknown unit \"" + unit + "\" (use ns, us, ms, s, m or h)");
            }
            nanos = nanos.add(new BigDecimal(number).multiply(BigDecimal.valueOf(scale)));
        }
        Duration duration = Duration.ofNanos(nanos.longValue());
        return negative ? duration.negated() : duration;
    }

    /** Go's rendering, for messages and the status API: {@code 1m30s}, {@code 500ms}, {@code 0s}. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        long nanos = duration.toNanos();
        String sign = nanos < 0 ? "-" : "";
        nanos = Math.abs(nanos);
        if (nanos < 1_000_000_000L) {
            if (nanos % 1_000_000L == 0) {
                return sign + nanos / 1_000_000L + "ms";
            }
            if (nanos % 1_000L == 0) {
                return sign + nanos / 1_000L + "µs";
            }
            return sign + nanos + "ns";
        }
        StringBuilder text = new StringBuilder(sign);
        long hours = nanos / 3_600_000_000_000L;
        long minutes = nanos / 60_000_000_000L % 60;
        BigDecimal seconds = BigDecimal.valueOf(nanos % 60_000_000_000L, 9).stripTrailingZeros();
        if (hours > 0) {
            text.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            text.append(minutes).append('m');
        }
        return text.append(seconds.toPlainString()).append('s').toString();
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("\"" + text + "\" is not a duration: " + why);
    }
}
