package io.autopilot.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The agent's log: the output of jobs and checks goes through it one entry a line, tagged with the job, unless it is
 * raw; the formats are ContainerPilot's; a log file is reopened on SIGUSR1 after rotation.
 */
@ExtendWith(PidOneScenarios.class)
class LoggingIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void tagsWrappedOutputAndPassesRawOutputThrough(Scenario scenario) {
        PidOneAgent agent = scenario.startWithConfig();

        // ContainerPilot's test_logging: msg="job1 exec", a line starting "job2 exec", one starting "job3 health",
        // msg="job4 health". A job's output is tagged job=<job>, a check's check=check.<job>, as in ContainerPilot.
        Predicate<String> job1 = line -> line.contains("msg=\"job1 exec\"") && tagged(line, "job", "job1");
        Predicate<String> job4 = line -> line.contains("msg=\"job4 health\"") && tagged(line, "check", "check.job4");
        agent.await("the four lines of output", WAIT, () -> {
            List<String> lines = agent.stdoutLines();
            return lines.stream().anyMatch(job1) && lines.contains("job2 exec") && lines.contains("job3 health")
                    && lines.stream().anyMatch(job4);
        });
        agent.signal(Signal.TERM);
        agent.awaitExit(WAIT);

        assertThat(agent.stdoutLines()).as("raw output is not also logged")
                .noneMatch(line -> line.contains("msg=\"job2 exec\"") || line.contains("msg=\"job3 health\""));
    }

    @Test
    void writesJsonLogLinesWithMessageAndJob(Scenario scenario) {
        PidOneAgent agent = scenario.startWithConfig();

        agent.await("the wrapped, raw and check output", WAIT, () -> {
            List<String> lines = agent.stdoutLines();
            return lines.stream().anyMatch(line -> json(line).filter(entry -> "hello \"json\"".equals(
                    entry.getString("msg")) && "wrapped".equals(entry.getString("job"))).isPresent())
                    && lines.contains("raw line")
                    && lines.stream().anyMatch(line -> json(line).filter(entry -> "check output".equals(
                            entry.getString("msg")) && "check.checked".equals(entry.getString("check"))).isPresent());
        });
        agent.signal(Signal.TERM);
        agent.awaitExit(WAIT);

        assertThat(agent.stdoutLines()).as("every line but the raw job's is a JSON entry with time, level and msg")
                .filteredOn(line -> !line.equals("raw line"))
                .isNotEmpty()
                .allMatch(line -> json(line).filter(entry -> entry.getValue("time") instanceof String
                        && entry.getValue("level") instanceof String && entry.getValue("msg") instanceof String)
                        .isPresent());
    }

    @Test
    void reopensTheLogFileOnSigusr1AfterRotation(Scenario scenario) throws IOException {
        PidOneAgent agent = scenario.startWithConfig();
        Path log = scenario.file("agent.log");
        Path rotated = scenario.file("agent.log.1");
        agent.await("hello world in the log file", WAIT, () -> hellos(scenario, "agent.log") >= 1);

        Files.move(log, rotated);
        long beforeRotation = hellos(scenario, "agent.log.1");
        agent.await("the rotated file to keep growing (the agent still holds it)", WAIT,
                () -> hellos(scenario, "agent.log.1") > beforeRotation);
        agent.signal(Signal.USR1);
        agent.await("a new log file with hello world", WAIT, () -> hellos(scenario, "agent.log") >= 1);
        long rotatedAtReopen = hellos(scenario, "agent.log.1");
        agent.await("3 more lines in the new file", WAIT, () -> hellos(scenario, "agent.log") >= 4);

        assertThat(hellos(scenario, "agent.log.1")).as("lines written to the rotated file after the reopen")
                .isEqualTo(rotatedAtReopen);
        assertThat(agent.stdout()).as("stdout, with the log in a file").doesNotContain("hello world!");
    }

    @Test
    void drainsTwelveJobsPrintingMebibyteLinesWithinTheAgentsHeap(Scenario scenario) {
        PidOneAgent agent = scenario.startWithConfig();
        List<String> printers = IntStream.rangeClosed(1, 12).mapToObj(i -> "printer-" + i).toList();

        // A printer is through when it says so, or when it is gone: SIGPIPE kills its shell on its next write.
        agent.await("every printer to print its six lines or die", Duration.ofSeconds(90),
                () -> printers.stream().allMatch(name -> scenario.lines(name + ".status").contains("done")
                        || !scenario.lines(name + ".status").isEmpty()
                        && ProcessTable.read().running(agent.pid(), name + " ").isEmpty()));

        for (String name : printers) {
            assertThat(scenario.lines(name + ".status")).as("how %s's writers ended (141: SIGPIPE)", name)
                    .containsExactly("tr 0", "tr 0", "tr 0", "tr 0", "tr 0", "tr 0", "done");
        }
        assertThat(agent.isRunning()).as("the agent is still up").isTrue();
        assertThat(agent.stderr()).doesNotContain("OutOfMemoryError");
    }

    private static long hellos(Scenario scenario, String file) {
        return scenario.lines(file).stream().filter(line -> line.endsWith("hello world!")).count();
    }

    /** Whether {@code key=value} (text format) appears in the line as a whole field. */
    private static boolean tagged(String line, String key, String value) {
        return Pattern.compile("(^|\\s)" + Pattern.quote(key + "=" + value) + "(\\s|$)").matcher(line).find();
    }

    private static Optional<JsonObject> json(String line) {
        try {
            return Optional.of(new JsonObject(line));
        } catch (DecodeException | ClassCastException e) {
            return Optional.empty();
        }
    }
}
