package io.autopilot.discovery.consul;

import io.autopilot.logging.Log;
import io.autopilot.logging.LoggingConfig.Level;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link Log} that keeps every entry, DEBUG included, for assertions. */
final class RecordingLog implements Log {
    record Entry(Level level, String message) {
        @Override
        public String toString() {
            return level + " " + message;
        }
    }

    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    @Override
    public void log(Level level, String message, Map<String, String> fields) {
        entries.add(new Entry(level, message));
    }

    @Override
    public boolean enabled(Level level) {
        return true;
    }

    @Override
    public Log with(String key, String value) {
        return this;
    }

    List<Entry> entries() {
        return List.copyOf(entries);
    }

    List<String> messages(Level level) {
        return entries.stream().filter(e -> e.level() == level).map(Entry::message).toList();
    }

    long count(String fragment) {
        return entries.stream().filter(e -> e.message().contains(fragment)).count();
    }
}
