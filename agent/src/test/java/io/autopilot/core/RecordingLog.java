package io.autopilot.core;

import io.autopilot.logging.Log;
import io.autopilot.logging.LoggingConfig.Level;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every message, with the job's name in front when there is one. */
final class RecordingLog implements Log {
    final List<String> messages;
    private final String prefix;

    RecordingLog() {
        this(new CopyOnWriteArrayList<>(), "");
    }

    private RecordingLog(List<String> messages, String prefix) {
        this.messages = messages;
        this.prefix = prefix;
    }

    @Override
    public void log(Level level, String message, Map<String, String> fields) {
        messages.add(prefix + message);
    }

    @Override
    public boolean enabled(Level level) {
        return true;
    }

    @Override
    public Log with(String key, String value) {
        return new RecordingLog(messages, key.equals("job") ? value + ": " : prefix);
    }
}
