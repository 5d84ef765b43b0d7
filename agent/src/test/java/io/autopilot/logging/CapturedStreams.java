package io.autopilot.logging;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Stdout and stderr held in memory, and the fixed instant every test entry is logged at. */
final class CapturedStreams {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2018-05-02T10:00:00.120Z"), ZoneOffset.UTC);

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    Streams streams() {
        return new Streams(stdout, stderr);
    }

    String stdout() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    String stderr() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    AgentLog log(LoggingConfig.Level level, LoggingConfig.Format format) {
        try {
            return AgentLog.open(new LoggingConfig(level, format, "stdout"), CLOCK, streams());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
