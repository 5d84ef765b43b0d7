package io.autopilot.core;

import io.autopilot.logging.Log;
import io.autopilot.logging.LoggingConfig;
import io.autopilot.logging.LoggingConfig.Level;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Interim: a minimal {@link Log} (ContainerPilot's default format, {@code <time> <message> key=value…}) until the
 * logging package provides the real one with its formats and SIGUSR1 reopen. Replace, don't grow.
 */
final class PlainLog implements Log {
    private final PrintStream out;
    private final Level level;
    private final Map<String, String> fields;

    private PlainLog(PrintStream out, Level level, Map<String, String> fields) {
        this.out = out;
        this.level = level;
        this.fields = fields;
    }

    static PlainLog of(LoggingConfig config) {
        return new PlainLog(stream(config.output()), config.level(), Map.of());
    }

    static PlainLog to(PrintStream out, Level level) {
        return new PlainLog(out, level, Map.of());
    }

    private static PrintStream stream(String output) {
        return switch (output) {
            case "stdout" -> System.out;
            case "stderr" -> System.err;
            default -> {
                try {
                    yield new PrintStream(new FileOutputStream(output, true), true, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot open the log file " + output, e);
                }
            }
        };
    }

    @Override
    public void log(Level entryLevel, String message, Map<String, String> entryFields) {
        if (!enabled(entryLevel)) {
            return;
        }
        var line = new StringBuilder(Instant.now().toString()).append(' ').append(message);
        fields.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
        entryFields.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
        out.println(line);
    }

    @Override
    public boolean enabled(Level entryLevel) {
        return entryLevel.compareTo(level) <= 0;
    }

    @Override
    public Log with(String key, String value) {
        var more = new LinkedHashMap<>(fields);
        more.put(key, value);
        return new PlainLog(out, level, Collections.unmodifiableMap(more));
    }
}
