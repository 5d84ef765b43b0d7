package io.autopilot.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.logging.LoggingConfig.Format;
import io.autopilot.logging.LoggingConfig.Level;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code format: "default"}: ContainerPilot's DefaultLogFormatter (time and message), plus a child's job and pid. */
class DefaultFormatTest {
    private final CapturedStreams captured = new CapturedStreams();
    private final AgentLog log = captured.log(Level.DEBUG, Format.DEFAULT);

    @Test
    void writesTheTimeAndTheMessageWithoutLevel() {
        log.warn("control: serving at /var/run/containerpilot.socket");

        assertThat(captured.stdout())
                .isEqualTo("2018-05-02T10:00:00.12Z control: serving at /var/run/containerpilot.socket\n");
    }

    @Test
    void namesTheJobAndPidOfAChildsLine() {
        log.with("job", "app").log(Level.INFO, "hello world!", Map.of("pid", "12"));
        log.with("check", "check.app").log(Level.INFO, "ok", Map.of("pid", "13"));

        assertThat(captured.stdout()).isEqualTo("2018-05-02T10:00:00.12Z app 12 hello world!\n"
                + "2018-05-02T10:00:00.12Z check.app 13 ok\n");
    }

    @Test
    void leavesOtherFieldsOutAsContainerPilotDid() {
        log.with("service", "web").log(Level.INFO, "registered", Map.of("address", "10.0.0.2"));

        assertThat(captured.stdout()).isEqualTo("2018-05-02T10:00:00.12Z registered\n");
    }

    @Test
    void writesTheMessageUnescaped() {
        log.info("say \"hi\"\ttab é");

        assertThat(captured.stdout()).isEqualTo("2018-05-02T10:00:00.12Z say \"hi\"\ttab é\n");
    }
}
