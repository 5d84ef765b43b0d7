package io.autopilot.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.logging.LoggingConfig.Format;
import io.autopilot.logging.LoggingConfig.Level;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A child's output lines become INFO entries tagged with the job or check and the pid, as ContainerPilot did. */
class ChildOutputTest {
    private final CapturedStreams captured = new CapturedStreams();

    @Test
    void tagsAJobsLinesWithItsNameAndPid() {
        Consumer<String> sink = ChildOutput.ofJob(captured.log(Level.DEBUG, Format.TEXT), "job1", 12);
        sink.accept("job1 exec");

        assertThat(captured.stdout())
                .isEqualTo("time=\"2018-05-02T10:00:00Z\" level=info msg=\"job1 exec\" job=job1 pid=12\n");
    }

    @Test
    void tagsAHealthChecksLinesWithCheckDotJob() {
        Consumer<String> sink = ChildOutput.ofCheck(captured.log(Level.INFO, Format.JSON), "job4", 40);
        sink.accept("job4 health");

        assertThat(captured.stdout()).isEqualTo("{\"check\":\"check.job4\",\"level\":\"info\","
                + "\"msg\":\"job4 health\",\"pid\":40,\"time\":\"2018-05-02T10:00:00.12Z\"}\n");
    }

    @Test
    void keepsTheLineExactlyWhateverItsLength() {
        Consumer<String> sink = ChildOutput.ofJob(captured.log(Level.INFO, Format.DEFAULT), "app", 1);
        String line = "  leading and trailing spaces\t " + "x".repeat(200_000);
        sink.accept(line);
        sink.accept("");

        assertThat(captured.stdout())
                .isEqualTo("2018-05-02T10:00:00.12Z app 1 " + line + "\n" + "2018-05-02T10:00:00.12Z app 1 \n");
    }

    @Test
    void isHiddenWhenTheLevelIsAboveInfo() {
        Consumer<String> sink = ChildOutput.ofJob(captured.log(Level.WARN, Format.TEXT), "app", 1);
        sink.accept("hello world!");

        assertThat(captured.stdout()).isEmpty();
    }

    @Test
    void takesAnyFieldName() {
        Consumer<String> sink = ChildOutput.lines(captured.log(Level.INFO, Format.TEXT), "sensor", "metrics", 9);
        sink.accept("ok");

        assertThat(captured.stdout())
                .isEqualTo("time=\"2018-05-02T10:00:00Z\" level=info msg=ok pid=9 sensor=metrics\n");
    }
}
