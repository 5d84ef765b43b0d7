package io.autopilot.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.events.Event;
import io.autopilot.events.ExitCause;
import org.junit.jupiter.api.Test;

/** Periodic jobs ({@code when.interval}), after ContainerPilot's test_tasks. */
class IntervalJobTest {

    @Test
    void aPeriodicJobWithFiveRestartsRunsSixTimesThenEnds() throws Exception {
        try (var fixture = JobFixture.started("""
                { jobs: [{ name: 'task1', exec: 'true', when: { interval: '500ms' }, restarts: '5' }] }""")) {
            JobOutcome outcome = fixture.awaitEnd("task1");

            assertThat(outcome.state()).isEqualTo(JobState.COMPLETED);
            assertThat(fixture.trace.from("task1")).hasSize(8)
                    .endsWith(new Event.Stopping("task1"), new Event.Stopped("task1"))
                    .filteredOn(Event.ExitSuccess.class::isInstance).hasSize(6);
            assertThat(fixture.job("task1").snapshot().restarts()).isEqualTo(5);
            assertThat(fixture.log.messages("job", "task1")).noneMatch(m -> m.contains("timeout"));
        }
    }

    @Test
    void aRunLongerThanItsTimeoutIsKilledEveryTime() throws Exception {
        try (var fixture = JobFixture.started("""
                { jobs: [{ name: 'task3', exec: 'sleep 2', timeout: '100ms', when: { interval: '500ms' },
                           restarts: 5 }] }""")) {
            fixture.awaitEnd("task3");

            assertThat(fixture.trace.from("task3")).filteredOn(Event.ExitFailed.class::isInstance)
                    .hasSize(6).allSatisfy(event -> {
                        var failed = (Event.ExitFailed) event;
                        assertThat(failed.exitCode()).isEqualTo(137);
                        assertThat(failed.reason()).isEqualTo("timed out after 100ms");
                    });
            assertThat(fixture.log.messages("job", "task3"))
                    .filteredOn(m -> m.equals("task3 timeout after 100ms: 'sleep 2'")).hasSize(6);
        }
    }

    @Test
    void aTickThatFindsTheRunStillGoingIsSkippedNotQueued() throws Exception {
        try (var fixture = JobFixture.started("""
                { jobs: [{ name: 'slow', exec: 'sleep 30', timeout: '60s', when: { interval: '50ms' } }] }""")) {
            int pid = fixture.awaitRunning("slow");
            fixture.awaitSnapshot("slow", s -> s.skippedTriggers() >= 3);
            fixture.bus.publish(new Event.Shutdown());
            fixture.awaitEnd("slow");

            assertThat(fixture.trace.from("slow")).containsExactly(new Event.Stopping("slow"),
                    new Event.ExitFailed("slow", pid, 143, "killed by SIGTERM", ExitCause.STOPPED), new Event.Stopped("slow"));
            assertThat(fixture.job("slow").snapshot().restarts()).isZero();
        }
    }
}
