package io.autopilot.logging;

import io.autopilot.logging.LoggingConfig.Level;
import java.time.OffsetDateTime;
import java.util.SortedMap;

/** One log entry, before it is rendered. {@code fields} are sorted by key, as logrus writes them. */
record Entry(OffsetDateTime time, Level level, String message, SortedMap<String, String> fields) {

    /** logrus's names for the levels: {@code WARN} is written {@code warning}. */
    String levelName() {
        return switch (level) {
            case PANIC -> "panic";
            case FATAL -> "fatal";
            case ERROR -> "error";
            case WARN -> "warning";
            case INFO -> "info";
            case DEBUG -> "debug";
        };
    }
}
