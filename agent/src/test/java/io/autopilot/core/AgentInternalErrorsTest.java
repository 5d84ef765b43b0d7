package io.autopilot.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.config.AgentConfig;
import io.autopilot.testing.Eventually;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Throwables nobody expected, thrown where the agent's parts run: a timer, a task on a context, a reload's thread.
 * What a part survives is logged and counted while the agent keeps working; what the JVM cannot survive stops the
 * agent, its jobs stopped as on TERM, with exit code 1.
 */
class AgentInternalErrorsTest {
    private static final Duration LONG = Duration.ofSeconds(60);

    @Test
    void anErrorThrownByATimerIsLoggedAndCountedAndTheAgentCarriesOn() {
        AgentRun run = AgentRun.of(LONG, Jobs.sh("app", "exec sleep 60")).start().awaitStartup();

        run.agent.services().vertx().setTimer(1, id -> {
            throw new LinkageError("injected");
        });

        Eventually.until(() -> run.log.messages.stream().anyMatch(m -> m.startsWith(
                "internal error in event loop: java.lang.LinkageError: injected (at ")), () -> "logged: "
                + run.log.messages);
        assertThat(run.agent.services().errors().countsByPart()).isEqualTo(Map.of("event loop", 1L));
        Eventually.holdsFor(Duration.ofMillis(300), () -> !run.finished(), () -> "the agent still runs");
        run.agent.signal("TERM");
        assertThat(run.exitCode()).as("as after any TERM: the job's own code").isEqualTo(143);
    }

    @Test
    void anOutOfMemoryErrorInATaskStopsTheJobsAndExits1() {
        AgentRun run = AgentRun.of(LONG, Jobs.sh("app", "exec sleep 60")).start().awaitStartup();

        run.agent.services().vertx().runOnContext(v -> {
            throw new OutOfMemoryError("injected");
        });

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.log.messages).anyMatch(message -> message.startsWith("fatal error in event loop, stopping the"
                + " agent: java.lang.OutOfMemoryError: injected (at io.autopilot.core.AgentInternalErrorsTest."));
        assertThat(run.log.messages).containsSubsequence(
                "shutting down: fatal error in event loop: java.lang.OutOfMemoryError: injected",
                "job app exited: killed by signal 15",
                "stopped: exit 1");
    }

    @Test
    void anOutOfMemoryErrorInABlockingTaskStopsTheAgentThoughTheTaskOnlyFailsItsFuture() {
        AgentRun run = AgentRun.of(LONG, Jobs.sh("app", "exec sleep 60")).start().awaitStartup();

        run.agent.services().blocking().spawns().executeBlocking(() -> {
            throw new OutOfMemoryError("injected");
        });

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.log.messages).anyMatch(message -> message.startsWith("fatal error in autopilot-spawn,"
                + " stopping the agent: java.lang.OutOfMemoryError: injected"));
    }

    @Test
    void anErrorWhileAReloadMakesItsPartsIsReportedAndRefusesThatReloadOnly() throws Exception {
        AtomicInteger made = new AtomicInteger();
        AgentConfig config = AgentRun.config(List.of(Jobs.sh("app", "exec sleep 60")), LONG);
        AgentRun run = AgentRun.reloading(config, environment -> config, (next, services) -> {
            if (made.getAndIncrement() > 0) {
                throw new AssertionError("a bug in a component factory");
            }
            return List.of();
        }).start().awaitStartup();

        Future<ReloadResult> reload = run.agent.reload();

        ReloadResult result = reload.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertThat(result).isEqualTo(new ReloadResult.Refused("the reload failed: a bug in a component factory"));
        assertThat(run.agent.services().errors().countsByPart()).isEqualTo(Map.of("reload", 1L));
        run.agent.signal("TERM");
        assertThat(run.exitCode()).isEqualTo(143);
    }
}
