package io.autopilot.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.events.Event;
import io.autopilot.events.ExitCause;
import org.junit.jupiter.api.Test;

/** The stop sequence on {@code shutdown}: stopping, pre-stop hooks, the stop signal, stopped, post-stop hooks. */
class ShutdownTest {

    @Test
    void aPreStopHookRunsBeforeTheProcessIsSignalledAndAPostStopHookAfter() throws Exception {
        try (var fixture = JobFixture.started("""
                { jobs: [{ name: 'app', exec: 'sleep 30' },
                         { name: 'preStop', exec: 'true', when: { source: 'app', once: 'stopping' } },
                         { name: 'postStop', exec: 'true', when: { source: 'app', once: 'stopped' } }] }""")) {
            int pid = fixture.awaitRunning("app");
            assertThat(fixture.job("preStop").stopsOnShutdown()).isFalse();
            fixture.bus.publish(new Event.Shutdown());
            JobOutcome outcome = fixture.awaitEnd("app");
            fixture.awaitEnd("preStop");
            fixture.awaitEnd("postStop");

            assertThat(fixture.trace.from("app", "preStop", "postStop")).usingElementComparator(ShutdownTest::sameKind)
                    .containsExactly(
                            new Event.Stopping("app"),
                            new Event.ExitSuccess("preStop", 0),
                            new Event.Stopping("preStop"),
                            new Event.Stopped("preStop"),
                            new Event.ExitFailed("app", pid, 143, "killed by SIGTERM", ExitCause.STOPPED),
                            new Event.Stopped("app"),
                            new Event.ExitSuccess("postStop", 0),
                            new Event.Stopping("postStop"),
                            new Event.Stopped("postStop"));
            assertThat(outcome.state()).isEqualTo(JobState.STOPPED);
        }
    }

    @Test
    void stopTimeoutBoundsTheWaitForAHungPreStopHook() throws Exception {
        try (var fixture = JobFixture.started("""
                { jobs: [{ name: 'app', exec: 'sleep 30', stopTimeout: '200ms' },
                         { name: 'preStop', exec: 'sleep 30', when: { source: 'app', once: 'stopping' } }] }""")) {
            int pid = fixture.awaitRunning("app");
            fixture.bus.publish(new Event.Shutdown());
            fixture.awaitEnd("app");

            assertThat(fixture.trace.from("app")).containsExactly(new Event.Stopping("app"),
                    new Event.ExitFailed("app", pid, 143, "killed by SIGTERM", ExitCause.STOPPED), new Event.Stopped("app"));
            assertThat(fixture.job("preStop").snapshot().state()).isEqualTo(JobState.RUNNING);
            assertThat(fixture.log.messages("job", "app")).contains("app stopped waiting for [preStop] after 200ms");

            fixture.job("preStop").kill();
            assertThat(fixture.awaitEnd("preStop").state()).isEqualTo(JobState.GAVE_UP);
        }
    }

    @Test
    void withoutAStopTimeoutTheAgentsKillEndsTheWaitForAHungHook() throws Exception {
        try (var fixture = JobFixture.started("""
                { jobs: [{ name: 'app', exec: 'sleep 30' },
                         { name: 'preStop', exec: 'sleep 30', when: { source: 'app', once: 'stopping' } }] }""")) {
            int pid = fixture.awaitRunning("app");
            fixture.bus.publish(new Event.Shutdown());
            fixture.awaitRunning("preStop");
            fixture.job("app").kill();
            fixture.awaitEnd("app");

            assertThat(fixture.trace.from("app")).containsExactly(new Event.Stopping("app"),
                    new Event.ExitFailed("app", pid, 137, "killed by SIGKILL", ExitCause.TIMEOUT), new Event.Stopped("app"));
        }
    }

    @Test
    void theStopSignalIsTheJobsOwn() throws Exception {
        try (var fixture = JobFixture.started("{ jobs: [{ name: 'app', exec: 'sleep 30', stopSignal: 'INT' }] }")) {
            int pid = fixture.awaitRunning("app");
            fixture.bus.publish(new Event.Shutdown());
            fixture.awaitEnd("app");

            assertThat(fixture.trace.from("app")).contains(new Event.ExitFailed("app", pid, 130, "killed by SIGINT", ExitCause.STOPPED));
        }
    }

    @Test
    void aJobThatNeverRanJustPublishesStoppingAndStopped() throws Exception {
        try (var fixture = JobFixture.started("""
                { consul: 'localhost:8500', watches: [{ name: 'db', interval: 1 }],
                  jobs: [{ name: 'idle', exec: 'true', when: { source: 'watch.db', once: 'changed' } }] }""")) {
            fixture.bus.publish(new Event.Shutdown());
            JobOutcome outcome = fixture.awaitEnd("idle");

            assertThat(fixture.trace.from("idle")).containsExactly(new Event.Stopping("idle"), new Event.Stopped("idle"));
            assertThat(outcome.lastExit()).isEmpty();
        }
    }

    @Test
    void aHookWhoseSourceHasAlreadyStoppedEndsOnShutdown() throws Exception {
        try (var fixture = JobFixture.started("""
                { jobs: [{ name: 'setup', exec: 'true' },
                         { name: 'cleanup', exec: 'true', when: { source: 'setup', each: 'stopped' } }] }""")) {
            fixture.awaitEnd("setup");
            fixture.awaitSnapshot("cleanup", s -> s.state() == JobState.WAITING && s.lastExitCode().isPresent());
            fixture.bus.publish(new Event.Shutdown());

            assertThat(fixture.awaitEnd("cleanup").state()).isEqualTo(JobState.COMPLETED);
        }
    }

    /** Same kind and source; pids of hooks are not known in advance. */
    private static int sameKind(Event a, Event b) {
        boolean same = a.getClass() == b.getClass() && a.source().equals(b.source())
                && (!(a instanceof Event.ExitFailed) || a.equals(b));
        return same ? 0 : 1;
    }
}
