package io.autopilot.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.config.AgentConfig;
import io.autopilot.config.ConfigException;
import io.autopilot.decode.Origin;
import io.autopilot.decode.Problem;
import io.autopilot.events.Event;
import io.autopilot.jobs.JobConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Reloads with real jobs and processes: what a reload restarts, and what it leaves alone. */
class AgentReloadTest {
    private static final Duration LONG = Duration.ofSeconds(60);

    /** A configuration source the test edits, as an operator edits the file. */
    private static final class EditedFile implements ConfigSource {
        final AtomicReference<Object> next = new AtomicReference<>();

        @Override
        public AgentConfig load(java.util.Map<String, String> environment) throws ConfigException {
            Object content = next.get();
            if (content instanceof ConfigException invalid) {
                throw invalid;
            }
            return (AgentConfig) content;
        }

        void write(JobConfig... jobs) {
            next.set(AgentRun.config(List.of(jobs), LONG));
        }
    }

    private static JobConfig sleeper(String name, String marker) {
        return Jobs.sh(name, "echo " + marker + " $$; exec sleep 60");
    }

    private static ReloadResult reload(AgentRun run) {
        try {
            return run.agent.reload().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no reload result within 20 s; log: " + run.log.messages, e);
        }
    }

    private static void awaitLine(AgentRun run, String prefix) {
        Eventually.until(() -> run.log.messages.stream().anyMatch(m -> m.startsWith(prefix)),
                () -> prefix + " in " + run.log.messages);
    }

    private static List<String> lines(AgentRun run, String prefix) {
        return run.log.messages.stream().filter(m -> m.startsWith(prefix)).toList();
    }

    @Test
    void anUnchangedJobKeepsItsProcessAndAChangedOneRestartsWithTheNewExec() {
        EditedFile file = new EditedFile();
        AgentRun run = AgentRun.reloading(AgentRun.config(List.of(sleeper("steady", "v1"), sleeper("web", "v1")),
                LONG), file).start();
        awaitLine(run, "steady: v1");
        awaitLine(run, "web: v1");

        file.write(sleeper("steady", "v1"), sleeper("web", "v2"));
        ReloadResult result = reload(run);

        assertThat(result).isEqualTo(new ReloadResult.Applied(List.of(), List.of("web"), List.of(), List.of()));
        awaitLine(run, "web: v2");
        assertThat(lines(run, "steady: ")).hasSize(1);
        assertThat(run.events).containsSubsequence(new Event.Startup(), new Event.Stopping("web"),
                new Event.Stopped("web"));
        assertThat(run.events).doesNotContain(new Event.Stopping("steady"), new Event.Shutdown());
        assertThat(run.events.stream().filter(Event.Startup.class::isInstance)).hasSize(1);

        run.agent.signal("TERM");
        assertThat(run.exitCode()).isEqualTo(143);
    }

    @Test
    void anInvalidConfigurationChangesNothingAndReportsEveryProblem() {
        EditedFile file = new EditedFile();
        AgentRun run = AgentRun.reloading(AgentRun.config(List.of(sleeper("web", "v1")), LONG), file).start();
        awaitLine(run, "web: v1");
        List<Problem> problems = List.of(new Problem("jobs[0].exec", "is required", Origin.of("app.json5", 3, 5)),
                new Problem("stopTimeout", "is not a duration", Origin.of("app.json5", 9, 3)));
        file.next.set(new ConfigException(problems));

        ReloadResult result = reload(run);

        assertThat(result).isEqualTo(new ReloadResult.Rejected(problems));
        assertThat(run.log.messages).contains("  jobs[0].exec: is required (app.json5:3)",
                "  stopTimeout: is not a duration (app.json5:9)");
        assertThat(run.events).containsExactly(new Event.Startup());
        assertThat(run.finished()).isFalse();

        run.agent.signal("TERM");
        assertThat(run.exitCode()).isEqualTo(143);
    }
}
