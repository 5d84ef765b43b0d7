package io.autopilot.logging;

import io.autopilot.decode.Fields;
import io.autopilot.decode.KeyPath;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code logging} block: the agent's own log. {@code output} is {@code stdout}, {@code stderr} or a file path
 * (reopened on SIGUSR1, for log rotation).
 */
public record LoggingConfig(Level level, Format format, String output) {
    public static final LoggingConfig DEFAULT = new LoggingConfig(Level.INFO, Format.DEFAULT, "stdout");

    public enum Level { PANIC, FATAL, ERROR, WARN, INFO, DEBUG }

    /** {@code default}: ContainerPilot's plain lines; {@code text}: key=value; {@code json}: one object a line. */
    public enum Format { DEFAULT, TEXT, JSON }

    public static LoggingConfig decode(Fields fields, KeyPath path) {
        Level level = fields.string("level").flatMap(text -> parseLevel(fields, text)).orElse(Level.INFO);
        Format format = fields.string("format").flatMap(text -> {
            try {
                return Optional.of(Format.valueOf(text.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                fields.problem("format", "must be \"default\", \"text\" or \"json\", not \"" + text + "\"");
                return Optional.empty();
            }
        }).orElse(Format.DEFAULT);
        String output = fields.string("output").orElse("stdout");
        if (output.isBlank()) {
            fields.problem("output", "must be \"stdout\", \"stderr\" or a file path");
        }
        return new LoggingConfig(level, format, output);
    }

    private static Optional<Level> parseLevel(Fields fields, String text) {
        String name = text.trim().toUpperCase(Locale.ROOT);
        if (name.equals("WARNING")) {
            return Optional.of(Level.WARN);
        }
        try {
            return Optional.of(Level.valueOf(name));
        } catch (IllegalArgumentException e) {
            fields.problem("level", "must be one of panic, fatal, error, warn, info, debug; not \"" + text + "\"");
            return Optional.empty();
        }
    }
}
