package io.autopilot.logging;

import io.autopilot.logging.LoggingConfig.Level;
import java.util.Map;

/**
 * Where the agent writes its own log entries. An entry is a level, a message and fields ({@code job=web pid=42});
 * how it is rendered ({@code default}, {@code text}, {@code json}) and where it goes is the implementation's
 * business. Implementations are thread-safe.
 */
public interface Log {
    /** Writes one entry if {@code level} is enabled. */
    void log(Level level, String message, Map<String, String> fields);

    boolean enabled(Level level);

    /** A log that adds {@code key=value} to every entry. */
    Log with(String key, String value);

    default void debug(String message) {
        log(Level.DEBUG, message, Map.of());
    }

    default void info(String message) {
        log(Level.INFO, message, Map.of());
    }

    default void warn(String message) {
        log(Level.WARN, message, Map.of());
    }

    default void error(String message) {
        log(Level.ERROR, message, Map.of());
    }
}
