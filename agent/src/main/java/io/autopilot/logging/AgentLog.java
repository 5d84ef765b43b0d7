package io.autopilot.logging;

import io.autopilot.logging.LoggingConfig.Format;
import io.autopilot.logging.LoggingConfig.Level;
import java.io.IOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The agent's log. Start with {@link #bootstrap()} (stderr, default format, INFO) before the config is read, then
 * {@link #reconfigure} it from the {@code logging} block: every log derived with {@link #with} follows, so objects
 * made early need no new log. {@link #reopen()} is for SIGUSR1 after log rotation. Thread-safe: every entry is
 * rendered whole and written in one write; a disabled level costs one comparison; nothing here throws into a caller
 * that logs (I/O failures are reported once on stderr).
 */
public final class AgentLog implements Log, AutoCloseable {
    /** Fields the formats themselves write. logrus kept a clashing field as {@code fields.<key>}; so do we. */
    private static final Set<String> RESERVED = Set.of("time", "level", "msg");

    private final LogTarget target;
    private final SortedMap<String, String> context;

    private AgentLog(LogTarget target, SortedMap<String, String> context) {
        this.target = target;
        this.context = context;
    }

    /** The log before the config is loaded: stderr, default format, INFO. */
    public static AgentLog bootstrap() {
        return bootstrap(Clock.systemDefaultZone(), Streams.system());
    }

    static AgentLog bootstrap(Clock clock, Streams streams) {
        LogSink sink = new LogSink(Level.INFO, EntryFormat.of(Format.DEFAULT), StreamOutput.stderr(streams));
        return new AgentLog(new LogTarget(sink, clock, streams), Collections.emptySortedMap());
    }

    /** A log as configured. Fails only if the output file cannot be opened for appending. */
    public static AgentLog open(LoggingConfig config) throws IOException {
        return open(config, Clock.systemDefaultZone(), Streams.system());
    }

    /**
     * Times are the system's local time, as Go's {@code time.Now()} gave ContainerPilot: {@code Z} in a container
     * without {@code TZ}, an offset where the image sets one.
     */
    static AgentLog open(LoggingConfig config, Clock clock, Streams streams) throws IOException {
        return new AgentLog(new LogTarget(LogSink.open(config, streams), clock, streams), Collections.emptySortedMap());
    }

    /**
     * Switches this log and every log derived from it to {@code config} (after the config is loaded, or reloaded).
     * The new output is opened first: if that fails, this throws and the log stays as it was.
     */
    public void reconfigure(LoggingConfig config) throws IOException {
        target.reconfigure(config);
    }

    /** Reopens the log file by its path (SIGUSR1 after log rotation); a no-op for stdout and stderr. Never throws. */
    public void reopen() {
        target.reopen();
    }

    /** Closes the log file, if any; entries logged afterwards are dropped. */
    @Override
    public void close() {
        target.close();
    }

    @Override
    public boolean enabled(Level level) {
        return target.sink().enabled(level);
    }

    @Override
    public Log with(String key, String value) {
        TreeMap<String, String> fields = new TreeMap<>(context);
        put(fields, Objects.requireNonNull(key, "key"), value);
        return new AgentLog(target, Collections.unmodifiableSortedMap(fields));
    }

    @Override
    public void log(Level level, String message, Map<String, String> fields) {
        LogSink sink = target.sink();
        if (level == null || !sink.enabled(level)) {
            return;
        }
        try {
            Entry entry = new Entry(OffsetDateTime.now(target.clock()), level,
                    message == null ? "" : message, merged(fields));
            // A reconfigure may close the sink read above; the entry then goes to its successor.
            while (!sink.write(entry) && sink != target.sink()) {
                sink = target.sink();
            }
        } catch (RuntimeException e) {
            target.reportFailure(e);
        }
    }

    private SortedMap<String, String> merged(Map<String, String> fields) {
        if (fields == null || fields.isEmpty()) {
            return context;
        }
        TreeMap<String, String> all = new TreeMap<>(context);
        fields.forEach((key, value) -> {
            if (key != null) {
                put(all, key, value);
            }
        });
        return all;
    }

    private static void put(Map<String, String> fields, String key, String value) {
        fields.put(RESERVED.contains(key) ? "fields." + key : key, value == null ? "" : value);
    }
}
