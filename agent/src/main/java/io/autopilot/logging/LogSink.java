package io.autopilot.logging;

import io.autopilot.logging.LoggingConfig.Level;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** One configuration of the log: the level threshold, the format and the output. Immutable but for the output. */
final class LogSink {
    private final Level threshold;
    private final EntryFormat format;
    private final LogOutput output;

    LogSink(Level threshold, EntryFormat format, LogOutput output) {
        this.threshold = threshold;
        this.format = format;
        this.output = output;
    }

    static LogSink open(LoggingConfig config, Streams streams) throws IOException {
        return new LogSink(config.level(), EntryFormat.of(config.format()), LogOutput.open(config.output(), streams));
    }

    /** Levels run from PANIC (always shown) to DEBUG (shown only at DEBUG). */
    boolean enabled(Level level) {
        return level.compareTo(threshold) <= 0;
    }

    /** Renders outside any lock, then hands the output the whole line in one piece. */
    boolean write(Entry entry) {
        StringBuilder line = new StringBuilder(64 + entry.message().length());
        format.render(entry, line);
        return output.write(line.toString().getBytes(StandardCharsets.UTF_8));
    }

    void reopen() {
        output.reopen();
    }

    void close() {
        output.close();
    }
}
