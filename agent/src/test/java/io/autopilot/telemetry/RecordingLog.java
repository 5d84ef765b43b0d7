package io.autopilot.telemetry;

import io.autopilot.logging.Log;
import io.autopilot.logging.LoggingConfig.Level;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every message as {@code LEVEL message}. */
final class RecordingLog implements Log {
    final List<String> messages = new CopyOnWriteArrayList<>();

    @Override
    public void log(Level level, String message, Map<String, String> fields) {
        messages.add(level + " " + message);
    }

    @Override
    public boolean enabled(Level level) {
        return true;
    }

    @Override
    public Log with(String key, String value) {
        return this;
    }
}
