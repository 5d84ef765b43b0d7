package io.autopilot.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.logging.LoggingConfig.Format;
import io.autopilot.logging.LoggingConfig.Level;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code format: "default"}: ContainerPilot's DefaultLogFormatter, time and message only. */
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
    void leavesFieldsOutAsContainerPilotDid() {
        log.with("job", "app").log(Level.INFO, "hello world!", Map.of("pid", "12"));

        assertThat(captured.stdout()).isEqualTo("2018-05-02T10:00:00.12Z hello world!\n");
    }

    @Test
    void writesTheMessageUnescaped() {
        log.info("say \"hi\"\ttab é");

        assertThat(captured.stdout()).isEqualTo("2018-05-02T10:00:00.12Z say \"hi\"\ttab é\n");
    }
}
