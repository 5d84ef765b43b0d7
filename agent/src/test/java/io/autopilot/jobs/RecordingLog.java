package io.autopilot.jobs;

import io.autopilot.logging.Log;
import io.autopilot.logging.LoggingConfig.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A {@link Log} that keeps every entry, fields included, for assertions. */
final class RecordingLog implements Log {
    record Entry(Level level, String message, Map<String, String> fields) {
    }

    private final List<Entry> entries;
    private final Map<String, String> fields;

    RecordingLog() {
        this(new ArrayList<>(), Map.of());
    }

    private RecordingLog(List<Entry> entries, Map<String, String> fields) {
        this.entries = entries;
        this.fields = fields;
    }

    @Override
    public void log(Level level, String message, Map<String, String> extra) {
        Map<String, String> all = new HashMap<>(fields);
        all.putAll(extra);
        synchronized (entries) {
            entries.add(new Entry(level, message, Map.copyOf(all)));
        }
    }

    @Override
    public boolean enabled(Level level) {
        return true;
    }

    @Override
    public Log with(String key, String value) {
        Map<String, String> more = new HashMap<>(fields);
        more.put(key, value);
        return new RecordingLog(entries, Map.copyOf(more));
    }

    List<Entry> entries() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }

    /** Messages logged with {@code key=value}. */
    List<String> messages(String key, String value) {
        return entries().stream().filter(e -> value.equals(e.fields().get(key))).map(Entry::message).toList();
    }
}
