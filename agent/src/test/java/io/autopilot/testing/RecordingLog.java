package io.autopilot.testing;

import io.autopilot.logging.Log;
import io.autopilot.logging.LoggingConfig.Level;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link Log} that keeps every entry, DEBUG included, for assertions: as entries with their fields, as
 * {@link #messages} (the job's name in front when it was logged through {@code with("job", …)}), or by level.
 * Logs made with {@link #with} share their parent's records. Thread-safe.
 */
public final class RecordingLog implements Log {
    /** One entry as it was logged, with every field of the log it went through. */
    public record Entry(Level level, String message, Map<String, String> fields) {
        @Override
        public String toString() {
            return level + " " + message;
        }
    }

    private final List<Entry> entries;
    private final Map<String, String> fields;
    /** Every message, in order, as {@code <job>: <message>} when logged with a job, else as the message. */
    public final List<String> messages;

    public RecordingLog() {
        this(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>(), Map.of());
    }

    private RecordingLog(List<Entry> entries, List<String> messages, Map<String, String> fields) {
        this.entries = entries;
        this.messages = messages;
        this.fields = fields;
    }

    @Override
    public void log(Level level, String message, Map<String, String> extra) {
        Map<String, String> all = new HashMap<>(fields);
        all.putAll(extra);
        entries.add(new Entry(level, message, Map.copyOf(all)));
        messages.add(fields.containsKey("job") ? fields.get("job") + ": " + message : message);
    }

    @Override
    public boolean enabled(Level level) {
        return true;
    }

    @Override
    public Log with(String key, String value) {
        Map<String, String> more = new HashMap<>(fields);
        more.put(key, value);
        return new RecordingLog(entries, messages, Map.copyOf(more));
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** Messages logged with {@code key=value} among their fields. */
    public List<String> messages(String key, String value) {
        return entries.stream().filter(e -> value.equals(e.fields().get(key))).map(Entry::message).toList();
    }

    /** Messages logged at {@code level}. */
    public List<String> messages(Level level) {
        return entries.stream().filter(e -> e.level() == level).map(Entry::message).toList();
    }

    /** Every entry as {@code LEVEL message}. */
    public List<String> leveled() {
        return entries.stream().map(Entry::toString).toList();
    }

    /** How many messages contain {@code fragment}. */
    public long count(String fragment) {
        return entries.stream().filter(e -> e.message().contains(fragment)).count();
    }
}
