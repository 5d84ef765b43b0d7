package io.autopilot.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.config.AgentConfig;
import io.autopilot.config.ConfigException;
import io.autopilot.decode.Origin;
import io.autopilot.decode.Problem;
import io.autopilot.events.Event;
import io.autopilot.jobs.JobConfig;
import java.time.Duration;
import io.autopilot.events.EventCode;
import io.autopilot.jobs.RestartPolicy;
import io.autopilot.jobs.Trigger;
import io.autopilot.jobs.WhenConfig;
import io.autopilot.testing.Eventually;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Reloads with real jobs and processes: what a reload restarts, and what it leaves alone. */
class AgentReloadTest {
    private static final Duration LONG = Duration.ofSeconds(60);

    /** A configuration source the test edits, as an operator edits the file. */
    private static final class EditedFile implements ConfigSource {
        final AtomicReference<Object> next = new AtomicReference<>();
        final AtomicInteger loads = new AtomicInteger();
        volatile CountDownLatch gate = new CountDownLatch(0);

        @Override
        public AgentConfig load(Map<String, String> environment) throws ConfigException {
            loads.incrementAndGet();
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
        return await(run, run.agent.reload());
    }

    private static ReloadResult await(AgentRun run, Future<ReloadResult> reload) {
        try {
            return reload.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no reload result within 20 s; log: " + run.log.messages, e);
        }
    }

    private static void awaitRunEnded(AgentRun run, String job) {
        Eventually.until(() -> run.events.stream().anyMatch(e -> e instanceof Event.ExitSuccess(String source, int pid, var cause)
                && source.equals(job)), () -> job + "'s run to end: " + run.events);
    }

    private static void awaitLine(AgentRun run, String prefix) {
        Eventually.until(() -> run.log.messages.stream().anyMatch(m -> m.startsWith(prefix)),
                () -> prefix + " in " + run.log.messages);
    }

    private static JobConfig withRestarts(JobConfig job, int times) {
        return new JobConfig(job.name(), job.exec(), job.when(), new RestartPolicy.Limited(times), job.timeout(),
                job.stopTimeout(), job.health(), job.service(), job.raw(), job.main(), job.stopSignal(), job.backoff(),
                job.onGiveUp(), job.interactive());
    }

    private static JobConfig onSignal(String name, String signal, String script) {
        JobConfig job = Jobs.sh(name, script);
        return new JobConfig(name, job.exec(), new WhenConfig(new Trigger.OnSignal(signal), Optional.empty()),
                job.restarts(), job.timeout(), job.stopTimeout(), job.health(), job.service(), job.raw(), job.main(),
                job.stopSignal(), job.backoff(), job.onGiveUp(), job.interactive());
    }

    private static JobConfig trapping(String name, String marker) {
        return Jobs.sh(name, "trap 'echo got TERM; exit 0' TERM; echo " + marker + "; while :; do sleep 0.05; done");
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

    @Test
    void aRemovedJobGoesThroughItsStopSequenceAndANewJobStartsOnTheStartupItMissed() {
        EditedFile file = new EditedFile();
        AgentRun run = AgentRun.reloading(AgentRun.config(List.of(sleeper("steady", "v1"), sleeper("old", "v1")),
                LONG), file).start();
        awaitLine(run, "old: v1");
        awaitLine(run, "steady: v1");

        file.write(sleeper("steady", "v1"), sleeper("fresh", "v1"));
        ReloadResult result = reload(run);

        assertThat(result).isEqualTo(new ReloadResult.Applied(List.of("fresh"), List.of(), List.of("old"),
                List.of()));
        awaitLine(run, "fresh: v1");
        assertThat(run.events).containsSubsequence(new Event.Startup(), new Event.Stopping("old"),
                new Event.Stopped("old"));
        assertThat(run.events).doesNotContain(new Event.Stopping("steady"));
        assertThat(run.log.messages).contains("job old stopped for the reload: killed by signal 15");
        assertThat(lines(run, "steady: ")).hasSize(1);

        run.agent.signal("TERM");
        assertThat(run.exitCode()).isEqualTo(143);
        assertThat(run.events).containsSubsequence(new Event.Shutdown(), new Event.Stopped("fresh"));
    }

    @Test
    void aCoprocessThatUsedUpItsRestartsRunsAgainOnlyOnceItsConfigurationChanged() {
        EditedFile file = new EditedFile();
        JobConfig first = withRestarts(Jobs.sh("coprocess", "echo arg1; exit 1"), 1);
        AgentRun run = AgentRun.reloading(AgentRun.config(List.of(sleeper("app", "v1"), first), LONG), file).start();
        Eventually.until(() -> run.events.contains(new Event.GaveUp("coprocess", 1)), () -> "coprocess gave up");
        assertThat(lines(run, "coprocess: arg1")).hasSize(2);

        file.write(sleeper("app", "v1"), first);
        assertThat(reload(run)).isEqualTo(new ReloadResult.Applied(List.of(), List.of(), List.of(), List.of()));
        assertThat(lines(run, "coprocess: arg")).hasSize(2);

        file.write(sleeper("app", "v1"), withRestarts(Jobs.sh("coprocess", "echo arg2; exit 1"), 1));
        assertThat(reload(run)).isEqualTo(new ReloadResult.Applied(List.of(), List.of("coprocess"), List.of(),
                List.of()));
        Eventually.until(() -> run.events.stream().filter(new Event.GaveUp("coprocess", 1)::equals).count() == 2,
                () -> "coprocess gave up again: " + run.events);
        assertThat(lines(run, "coprocess: arg2")).hasSize(2);
        assertThat(lines(run, "app: ")).hasSize(1);

        run.agent.signal("TERM");
        assertThat(run.exitCode()).isEqualTo(143);
    }

    @Test
    void aChangedJobsPreStopHookRunsAsItStopsAndIsMadeAnewForItsSuccessor() {
        EditedFile file = new EditedFile();
        JobConfig hook = Jobs.on("app", EventCode.STOPPING, "prestop", "echo pre");
        AgentRun run = AgentRun.reloading(AgentRun.config(List.of(trapping("app", "v1"), hook), LONG), file).start();
        awaitLine(run, "app: v1");

        file.write(trapping("app", "v2"), hook);
        ReloadResult result = reload(run);

        assertThat(result).isEqualTo(new ReloadResult.Applied(List.of(), List.of("app", "prestop"), List.of(),
                List.of()));
        awaitLine(run, "app: v2");
        assertThat(run.events).containsSubsequence(new Event.Stopping("app"), new Event.Stopped("prestop"),
                new Event.Stopped("app"));
        assertThat(run.log.messages).containsSubsequence("prestop: pre", "app: got TERM", "app: v2");

        run.agent.signal("TERM");
        assertThat(run.exitCode()).isZero();
        assertThat(lines(run, "prestop: pre")).hasSize(2);
        assertThat(run.log.messages).containsSubsequence("app: v2", "prestop: pre", "app: got TERM");
    }

    @Test
    void anUnchangedJobWaitsForAPreStopHookTheReloadAdded() {
        EditedFile file = new EditedFile();
        AgentRun run = AgentRun.reloading(AgentRun.config(List.of(trapping("app", "v1")), LONG), file).start();
        awaitLine(run, "app: v1");

        file.write(trapping("app", "v1"), Jobs.on("app", EventCode.STOPPING, "prestop",
                "sleep 0.2; echo pre"));
        assertThat(reload(run)).isEqualTo(new ReloadResult.Applied(List.of("prestop"), List.of(), List.of(),
                List.of()));
        run.agent.signal("TERM");

        assertThat(run.exitCode()).isZero();
        assertThat(lines(run, "app: v1")).hasSize(1);
        assertThat(run.log.messages).containsSubsequence("prestop: pre", "app: got TERM");
    }

    @Test
    void sighupReloadsWhenReloadOnSaysSoInsteadOfBeingAnEvent() {
        EditedFile file = new EditedFile();
        AgentConfig config = new AgentConfig(Optional.empty(), io.autopilot.logging.LoggingConfig.DEFAULT,
                List.of(sleeper("web", "v1"), onSignal("on-usr2", "SIGUSR2", "echo usr2")), List.of(),
                Optional.empty(), io.autopilot.control.ControlConfig.DEFAULT, LONG, Optional.of("SIGHUP"));
        AgentRun run = AgentRun.reloading(config, file).start();
        awaitLine(run, "web: v1");
        file.next.set(config.withJobs(List.of(sleeper("web", "v2"), onSignal("on-usr2", "SIGUSR2", "echo usr2"))));

        run.agent.signal("HUP");
        awaitLine(run, "web: v2");
        run.agent.signal("USR2");
        awaitLine(run, "on-usr2: usr2");
        awaitRunEnded(run, "on-usr2"); // else its exit 0 may come after web's and decide the code

        assertThat(run.log.messages).contains("received SIGHUP: reloading (reloadOn)");
        assertThat(run.events).doesNotContain(new Event.SignalReceived("SIGHUP"))
                .contains(new Event.SignalReceived("SIGUSR2"));
        run.agent.signal("TERM");
        assertThat(run.exitCode()).isEqualTo(143);
    }

    @Test
    void anAgentStartedWithoutJobsTakesTheJobsAReloadAdds() {
        EditedFile file = new EditedFile();
        AgentRun run = AgentRun.reloading(AgentRun.config(List.of(), LONG), file).start().awaitStartup();
        file.write(sleeper("web", "v1"));

        ReloadResult result = reload(run);

        assertThat(result).isEqualTo(new ReloadResult.Applied(List.of("web"), List.of(), List.of(), List.of()));
        awaitLine(run, "web: v1");
        run.agent.signal("TERM");
        assertThat(run.exitCode()).isEqualTo(143);
    }

    @Test
    void withoutReloadOnSighupIsAnEventAsInContainerPilot() {
        EditedFile file = new EditedFile();
        AgentRun run = AgentRun.reloading(AgentRun.config(List.of(sleeper("web", "v1"),
                onSignal("on-hup", "SIGHUP", "echo hup")), LONG), file).start();
        awaitLine(run, "web: v1");

        run.agent.signal("HUP");
        awaitLine(run, "on-hup: hup");
        awaitRunEnded(run, "on-hup"); // else its exit 0 may come after web's and decide the code

        assertThat(file.loads).hasValue(0);
        run.agent.signal("TERM");
        assertThat(run.exitCode()).isEqualTo(143);
    }

    @Test
    void reloadsThatComeDuringOneAreServedTogetherByOneMore() {
        EditedFile file = new EditedFile();
        AgentRun run = AgentRun.reloading(AgentRun.config(List.of(sleeper("web", "v1")), LONG), file).start();
        awaitLine(run, "web: v1");
        file.write(sleeper("web", "v2"));
        file.gate = new CountDownLatch(1);

        Future<ReloadResult> first = run.agent.reload();
        Eventually.until(() -> file.loads.get() == 1, () -> "first reload loading");
        file.write(sleeper("web", "v3"));
        Future<ReloadResult> second = run.agent.reload();
        Future<ReloadResult> third = run.agent.reload();
        Eventually.until(() -> run.log.messages.stream().filter(m -> m.startsWith("reload requested while")).count()
                == 2, () -> "both queued");
        file.gate.countDown();

        assertThat(await(run, first)).isEqualTo(new ReloadResult.Applied(List.of(), List.of("web"), List.of(),
                List.of()));
        assertThat(await(run, second)).isSameAs(await(run, third));
        assertThat(file.loads).hasValue(2);
        awaitLine(run, "web: v3");
        assertThat(lines(run, "web: v2")).isEmpty();
        run.agent.signal("TERM");
        assertThat(run.exitCode()).isEqualTo(143);
    }

    @Test
    void aReloadDuringShutdownIsRefused() {
        EditedFile file = new EditedFile();
        AgentRun run = AgentRun.reloading(AgentRun.config(List.of(trapping("web", "v1")), LONG), file).start();
        awaitLine(run, "web: v1");
        file.write(trapping("web", "v2"));

        run.agent.signal("TERM");
        ReloadResult result = reload(run);

        assertThat(result).isEqualTo(new ReloadResult.Refused("the agent is shutting down"));
        assertThat(run.exitCode()).isZero();
        assertThat(file.loads).hasValue(0);
    }

    @Test
    void theNewStopTimeoutAndLoggingBlockAreApplied() {
        EditedFile file = new EditedFile();
        AgentConfig config = AgentRun.config(List.of(Jobs.sh("stubborn",
                "trap '' TERM; echo ready; while :; do sleep 0.05; done")), LONG);
        AgentRun run = AgentRun.reloading(config, file).start();
        awaitLine(run, "stubborn: ready");
        var debug = new io.autopilot.logging.LoggingConfig(io.autopilot.logging.LoggingConfig.Level.DEBUG,
                config.logging().format(), config.logging().output());
        file.next.set(new AgentConfig(config.consul(), debug, config.jobs(), config.watches(), config.telemetry(),
                config.control(), Duration.ofMillis(100)));

        assertThat(reload(run)).isEqualTo(new ReloadResult.Applied(List.of(), List.of(), List.of(), List.of()));
        assertThat(run.log.messages).contains("logging reconfigured: " + debug);
        run.agent.signal("TERM");

        assertThat(run.exitCode()).isEqualTo(137);
        assertThat(run.log.messages).contains("stopTimeout 100ms passed: killing stubborn");
    }
}
