package io.autopilot.health;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP status codes an {@code http} check accepts as passing: a union of ranges, each written as a code
 * ({@code 204}), a class ({@code "2xx"}) or a range ({@code "200-399"}).
 */
public record StatusCodes(List<Range> ranges) {
    /** Consul's rule for a passing HTTP check (its 429 "warning" is a failure here: there is no warning state). */
    public static final StatusCodes SUCCESS = new StatusCodes(List.of(new Range(200, 299)));

    private static final Pattern FORM = Pattern.compile("([1-5])xx|([1-5]\\d\\d)(?:\\s*-\\s*([1-5]\\d\\d))?");

    public StatusCodes {
        ranges = List.copyOf(ranges);
    }

    /** One inclusive range of codes. */
    public record Range(int from, int to) {
        @Override
        public String toString() {
            if (from == to) {
                return Integer.toString(from);
            }
            return from % 100 == 0 && to == from + 99 ? from / 100 + "xx" : from + "-" + to;
        }
    }

    public boolean accepts(int code) {
        return ranges.stream().anyMatch(r -> code >= r.from() && code <= r.to());
    }

    /** One written form; empty when it is none of them, or a range that runs backwards. */
    static Optional<Range> parse(String text) {
        Matcher matcher = FORM.matcher(text.trim().toLowerCase(java.util.Locale.ROOT));
        if (!matcher.matches()) {
            return Optional.empty();
        }
        if (matcher.group(1) != null) {
            int hundreds = Integer.parseInt(matcher.group(1)) * 100;
            return Optional.of(new Range(hundreds, hundreds + 99));
        }
        int from = Integer.parseInt(matcher.group(2));
        int to = matcher.group(3) == null ? from : Integer.parseInt(matcher.group(3));
        return from <= to ? Optional.of(new Range(from, to)) : Optional.empty();
    }

    @Override
    public String toString() {
        return String.join(", ", ranges.stream().map(Range::toString).toList());
    }
}
