package io.autopilot.telemetry.textfile;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The types a {@code # TYPE} line of the text format 0.0.4 may give; a family without one is untyped. */
enum FamilyType {
    COUNTER, GAUGE, SUMMARY, HISTOGRAM, UNTYPED;

    /** The name on a {@code # TYPE} line, read without regard to case, as Prometheus' own parser does. */
    static Optional<FamilyType> of(String text) {
        return Arrays.stream(values()).filter(type -> type.text().equalsIgnoreCase(text)).findFirst();
    }

    static String names() {
        return Arrays.stream(values()).map(FamilyType::text).collect(Collectors.joining(", "));
    }

    String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a sample named the family's name plus {@code suffix} is one of the family's. */
    boolean owns(String suffix) {
        return switch (this) {
            case SUMMARY -> suffix.equals("_sum") || suffix.equals("_count");
            case HISTOGRAM -> suffix.equals("_sum") || suffix.equals("_count") || suffix.equals("_bucket");
            case COUNTER, GAUGE, UNTYPED -> false;
        };
    }
}
