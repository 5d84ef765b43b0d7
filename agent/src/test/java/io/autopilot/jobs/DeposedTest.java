package io.autopilot.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.events.Event;
import io.autopilot.events.ExitCause;
import org.junit.jupiter.api.Test;

/** A job started on {@code elected} runs only while its agent leads: {@code deposed} stops it until the next election. */
class DeposedTest {
    private static final String CONFIG = """
            { consul: 'localhost:8500', leader: 'svc/leader',
              jobs: [{ name: 'lead', exec: 'sleep 30', restarts: 3, when: { source: 'leader', each: 'elected' } }] }""";

    @Test
    void aJobStartedOnElectedGetsItsStopSignalOnDeposedAndRunsAgainOnlyWhenElectedAgain() throws Exception {
        try (var fixture = JobFixture.started(CONFIG)) {
            fixture.bus.publish(new Event.Elected("leader"));
            int first = fixture.awaitRunning("lead");

            fixture.bus.publish(new Event.Deposed("leader", "session lost"));
            fixture.trace.awaitOne(e -> e instanceof Event.ExitFailed x && x.source().equals("lead"));
            JobSnapshot waiting = fixture.awaitSnapshot("lead", s -> s.state() == JobState.WAITING);
            assertThat(waiting.restarts()).as("restarts used: a deposed job is not restarted").isZero();
            assertThat(fixture.trace.from("lead")).containsExactly(
                    new Event.ExitFailed("lead", first, 143, "killed by SIGTERM", ExitCause.STOPPED));

            fixture.bus.publish(new Event.Elected("leader"));
            int second = fixture.awaitSnapshot("lead", s -> s.state() == JobState.RUNNING && s.pid() != first).pid();
            assertThat(second).isNotEqualTo(first);
        }
    }
}
