package io.autopilot.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.events.Event;
import io.autopilot.testing.Eventually;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Components run beside the jobs: subscribed before startup, stopped after the last job, some keep the agent up. */
class ComponentsTest {
    /** Records what happens to it, in the order the agent's events and calls reach it. */
    private static final class Recorder implements Component {
        final List<String> seen = new CopyOnWriteArrayList<>();
        private final boolean keepsAlive;
        private AgentRun run;

        Recorder(boolean keepsAlive) {
            this.keepsAlive = keepsAlive;
        }

        @Override
        public String name() {
            return "recorder";
        }

        @Override
        public Future<Void> start() {
            run.agent.services().bus().subscribe(Runnable::run, event -> {
                if (event instanceof Event.Startup || event instanceof Event.Stopped) {
                    seen.add(event.code().configName() + (event instanceof Event.Stopped s ? " " + s.source() : ""));
                }
            });
            seen.add("start");
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> stop() {
            seen.add("stop");
            return Future.succeededFuture();
        }

        @Override
        public boolean keepsAgentAlive() {
            return keepsAlive;
        }
    }

    private static AgentRun run(Recorder recorder) {
        AgentRun run = AgentRun.withComponents(Duration.ofSeconds(5), List.of(recorder),
                Jobs.job("app", List.of("true")));
        recorder.run = run;
        return run;
    }

    @Test
    void aComponentSubscribesBeforeStartupAndStopsAfterTheLastJob() {
        Recorder recorder = new Recorder(false);
        AgentRun run = run(recorder).start();

        assertThat(run.exitCode()).isZero();
        assertThat(recorder.seen).containsExactly("start", "startup", "stopped app", "stop");
    }

    @Test
    void aComponentThatKeepsTheAgentAliveOutlivesTheJobsUntilSigterm() {
        Recorder recorder = new Recorder(true);
        AgentRun run = run(recorder).start();
        Eventually.until(() -> recorder.seen.contains("stopped app"), () -> "app stopped");
        Eventually.until(() -> run.log.messages.stream().anyMatch(m -> m.contains("still running for recorder")),
                () -> "the agent says what keeps it running");
        assertThat(run.finished()).isFalse();

        run.agent.signal("TERM");

        assertThat(run.exitCode()).isZero();
        assertThat(recorder.seen).endsWith("stop");
    }
}
