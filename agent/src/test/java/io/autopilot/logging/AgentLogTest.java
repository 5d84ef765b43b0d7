package io.autopilot.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.autopilot.logging.LoggingConfig.Format;
import io.autopilot.logging.LoggingConfig.Level;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Levels, fields, outputs and reconfiguration of the agent's log. */
class AgentLogTest {
    private final CapturedStreams captured = new CapturedStreams();

    @Test
    void dropsEntriesBelowTheConfiguredLevel() {
        AgentLog log = captured.log(Level.WARN, Format.TEXT);
        log.debug("debug");
        log.info("info");
        log.warn("warn");
        log.error("error");
        log.log(Level.PANIC, "panic", Map.of());

        assertThat(captured.stdout().lines().map(l -> l.substring(l.indexOf("msg="))))
                .containsExactly("msg=warn", "msg=error", "msg=panic");
        assertThat(log.enabled(Level.INFO)).isFalse();
        assertThat(log.enabled(Level.WARN)).isTrue();
    }

    @Test
    void addsFieldsFromWithToEveryEntryAndLetsEntryFieldsWin() {
        AgentLog root = captured.log(Level.INFO, Format.TEXT);
        Log job = root.with("job", "web").with("pid", "7");
        job.log(Level.INFO, "m", Map.of("pid", "8", "check", "check.web"));
        root.info("plain");

        assertThat(captured.stdout().lines()).containsExactly(
                "time=\"2018-05-02T10:00:00Z\" level=info msg=m check=check.web job=web pid=8",
                "time=\"2018-05-02T10:00:00Z\" level=info msg=plain");
    }

    @Test
    void writesToStderrWhenConfiguredSoIgnoringCase() throws IOException {
        AgentLog log = AgentLog.open(new LoggingConfig(Level.INFO, Format.DEFAULT, "STDERR"),
                CapturedStreams.CLOCK, captured.streams());
        log.info("to stderr");

        assertThat(captured.stderr()).isEqualTo("2018-05-02T10:00:00.12Z to stderr\n");
        assertThat(captured.stdout()).isEmpty();
    }

    @Test
    void bootstrapsToStderrInTheDefaultFormatAtInfo() {
        AgentLog log = AgentLog.bootstrap(CapturedStreams.CLOCK, captured.streams());
        log.debug("hidden");
        log.info("loading config");

        assertThat(captured.stderr()).isEqualTo("2018-05-02T10:00:00.12Z loading config\n");
    }

    @Test
    void reconfigureMovesEveryDerivedLogToTheNewSettings() throws IOException {
        AgentLog root = AgentLog.bootstrap(CapturedStreams.CLOCK, captured.streams());
        Log job = root.with("job", "app");
        root.reconfigure(new LoggingConfig(Level.DEBUG, Format.JSON, "stdout"));
        job.debug("now visible");

        assertThat(captured.stdout()).isEqualTo(
                "{\"job\":\"app\",\"level\":\"debug\",\"msg\":\"now visible\",\"time\":\"2018-05-02T10:00:00.12Z\"}\n");
    }

    @Test
    void aFailedReconfigureKeepsTheOldSettings(@TempDir Path dir) {
        AgentLog log = captured.log(Level.INFO, Format.DEFAULT);
        String missing = dir.resolve("no/such/dir/app.log").toString();

        org.assertj.core.api.Assertions.assertThatIOException()
                .isThrownBy(() -> log.reconfigure(new LoggingConfig(Level.INFO, Format.JSON, missing)));
        log.info("still here");
        assertThat(captured.stdout()).isEqualTo("2018-05-02T10:00:00.12Z still here\n");
    }

    @Test
    void reconfigureClosesTheOldFileAndWritesToTheNewOne(@TempDir Path dir) throws IOException {
        Path first = dir.resolve("first.log");
        Path second = dir.resolve("second.log");
        AgentLog log = AgentLog.open(new LoggingConfig(Level.INFO, Format.DEFAULT, first.toString()),
                CapturedStreams.CLOCK, captured.streams());
        log.info("one");
        log.reconfigure(new LoggingConfig(Level.INFO, Format.DEFAULT, second.toString()));
        log.info("two");

        assertThat(Files.readString(first)).isEqualTo("2018-05-02T10:00:00.12Z one\n");
        assertThat(Files.readString(second)).isEqualTo("2018-05-02T10:00:00.12Z two\n");
    }

    @Test
    void toleratesNullMessagesAndFieldValues() {
        AgentLog log = captured.log(Level.INFO, Format.TEXT);
        Map<String, String> fields = new HashMap<>();
        fields.put("job", null);
        fields.put(null, "x");

        assertThatNoException().isThrownBy(() -> log.log(Level.INFO, null, fields));
        assertThat(captured.stdout()).isEqualTo("time=\"2018-05-02T10:00:00Z\" level=info job=\n");
    }

    @Test
    void aBrokenStdoutIsReportedOnceOnStderrAndLoggingGoesOn() throws IOException {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        CapturedStreams errors = new CapturedStreams();
        AgentLog log = AgentLog.open(new LoggingConfig(Level.INFO, Format.DEFAULT, "stdout"),
                CapturedStreams.CLOCK, new Streams(broken, errors.streams().stderr()));

        assertThatNoException().isThrownBy(() -> {
            log.info("one");
            log.info("two");
        });
        assertThat(errors.stderr()).isEqualTo("autopilot: cannot write the log to stdout: Broken pipe"
                + " (further failures are not reported until a write succeeds)\n");
    }
}
