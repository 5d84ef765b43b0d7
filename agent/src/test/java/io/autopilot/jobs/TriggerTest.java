package io.autopilot.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.events.Event;
import io.autopilot.events.ExitCause;
import org.junit.jupiter.api.Test;

/** What starts a job: {@code once}, {@code each}, signals, several sources, and {@code when.timeout}. */
class TriggerTest {
    private static final String WATCHES = "consul: 'localhost:8500', watches: [{ name: 'db', interval: 1 }, { name: 'cache', interval: 1 }],";

    @Test
    void aOnceJobIgnoresARepeatOfItsEventWhileItRuns() throws Exception {
        try (var fixture = JobFixture.started("{" + WATCHES + """
                jobs: [{ name: 'once', exec: ['sleep', '30'], when: { source: 'watch.db', once: 'changed' } }] }""")) {
            fixture.bus.publish(new Event.Changed("watch.db"));
            int pid = fixture.awaitRunning("once");
            fixture.bus.publish(new Event.Changed("watch.db"));
            fixture.job("once").signal(15);
            fixture.awaitEnd("once");

            assertThat(fixture.trace.from("once")).containsExactly(
                    new Event.ExitFailed("once", pid, 143, "killed by SIGTERM", ExitCause.SIGNAL),
                    new Event.Stopping("once"), new Event.GaveUp("once", 143), new Event.Stopped("once"));
            assertThat(fixture.job("once").snapshot().skippedTriggers()).isZero();
        }
    }

    @Test
    void anEachJobSkipsATriggerThatComesWhileItStillRuns() throws Exception {
        try (var fixture = JobFixture.started("{" + WATCHES + """
                jobs: [{ name: 'each', exec: ['sleep', '30'], when: { source: 'watch.db', each: 'changed' } }] }""")) {
            fixture.bus.publish(new Event.Changed("watch.db"));
            int first = fixture.awaitRunning("each");
            fixture.bus.publish(new Event.Changed("watch.db"));
            fixture.awaitSnapshot("each", s -> s.skippedTriggers() == 1);
            fixture.job("each").signal(15);
            fixture.trace.awaitOne(e -> e instanceof Event.ExitFailed f && f.pid() == first);

            fixture.bus.publish(new Event.Changed("watch.db"));
            int second = fixture.awaitSnapshot("each", s -> s.pid() > 0 && s.pid() != first).pid();
            fixture.bus.publish(new Event.Shutdown());
            fixture.awaitEnd("each");

            assertThat(fixture.trace.from("each")).containsExactly(
                    new Event.ExitFailed("each", first, 143, "killed by SIGTERM", ExitCause.SIGNAL),
                    new Event.Stopping("each"),
                    new Event.ExitFailed("each", second, 143, "killed by SIGTERM", ExitCause.STOPPED),
                    new Event.Stopped("each"));
        }
    }

    @Test
    void aSignalJobRunsOnEverySignalAndOnlyOnItsOwn() throws Exception {
        try (var fixture = JobFixture.started("""
                { jobs: [{ name: 'on-hup', exec: 'true', when: { source: 'SIGHUP' } },
                         { name: 'on-usr2', exec: 'true', when: { source: 'SIGUSR2' } }] }""")) {
            fixture.bus.publish(new Event.SignalReceived("SIGHUP"));
            fixture.trace.await(e -> e.source().equals("on-hup"), 1);
            fixture.bus.publish(new Event.SignalReceived("SIGHUP"));
            fixture.trace.await(e -> e.source().equals("on-hup"), 2);
            fixture.bus.publish(new Event.Shutdown());
            fixture.awaitEnd("on-hup");
            fixture.awaitEnd("on-usr2");

            assertThat(fixture.trace.from("on-hup")).hasSize(4).endsWith(
                    new Event.Stopping("on-hup"), new Event.Stopped("on-hup"))
                    .first().isInstanceOf(Event.ExitSuccess.class);
            assertThat(fixture.trace.from("on-usr2")).containsExactly(
                    new Event.Stopping("on-usr2"), new Event.Stopped("on-usr2"));
        }
    }

    @Test
    void enteringMaintenanceStartsAJobWaitingForIt() throws Exception {
        try (var fixture = JobFixture.started("""
                { jobs: [{ name: 'drain', exec: 'true', when: { source: 'global', once: 'enterMaintenance' } }] }""")) {
            fixture.bus.publish(new Event.EnterMaintenance());

            fixture.trace.await(e -> e instanceof Event.ExitSuccess s && s.source().equals("drain"), 1);
        }
    }

    @Test
    void aJobWithSeveralSourcesStartsOnAnyOfThem() throws Exception {
        try (var fixture = JobFixture.started("{" + WATCHES + """
                jobs: [{ name: 'any', exec: 'true', when: { source: ['watch.db', 'watch.cache'], each: 'changed' } }] }""")) {
            fixture.bus.publish(new Event.Changed("watch.db"));
            fixture.trace.await(e -> e instanceof Event.ExitSuccess s && s.source().equals("any"), 1);
            fixture.bus.publish(new Event.Changed("watch.cache"));
            fixture.trace.await(e -> e instanceof Event.ExitSuccess s && s.source().equals("any"), 2);
        }
    }

    @Test
    void aJobWhoseEventNeverComesPublishesTimerExpiredAndEndsWithoutRunning() throws Exception {
        try (var fixture = JobFixture.started("{" + WATCHES + """
                jobs: [{ name: 'late', exec: 'true', when: { source: 'watch.db', once: 'changed', timeout: '100ms' } },
                       { name: 'fallback', exec: 'true', when: { source: 'late', once: 'timerExpired' } }] }""")) {
            JobOutcome outcome = fixture.awaitEnd("late");
            fixture.awaitEnd("fallback");

            assertThat(outcome.state()).isEqualTo(JobState.TIMED_OUT);
            assertThat(outcome.lastExit()).isEmpty();
            assertThat(fixture.trace.from("late")).containsExactly(
                    new Event.TimerExpired("late"), new Event.Stopping("late"), new Event.Stopped("late"));
            assertThat(fixture.trace.from("fallback")).first().isInstanceOf(Event.ExitSuccess.class);
        }
    }
}
