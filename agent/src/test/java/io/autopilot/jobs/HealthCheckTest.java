package io.autopilot.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.events.Event;
import io.autopilot.health.HealthStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Health checks run beside a job's process and publish after every run. */
class HealthCheckTest {

    @Test
    void aPassingCheckPublishesItsExitThenHealthyAfterEveryRun() throws Exception {
        try (var fixture = JobFixture.started("""
                { jobs: [{ name: 'web', exec: 'sleep 30', health: { exec: 'true', interval: '50ms' } }] }""")) {
            fixture.trace.await(e -> e instanceof Event.Healthy, 3);
            fixture.bus.publish(new Event.Shutdown());
            fixture.awaitEnd("web");

            List<Event> checks = fixture.trace.from("check.web", "web").stream()
                    .filter(e -> e instanceof Event.ExitSuccess || e instanceof Event.Healthy).toList();
            for (int i = 0; i + 1 < checks.size(); i += 2) {
                assertThat(checks.get(i)).isInstanceOf(Event.ExitSuccess.class)
                        .extracting(Event::source).isEqualTo("check.web");
                assertThat(checks.get(i + 1)).isEqualTo(new Event.Healthy("web"));
            }
            assertThat(fixture.trace.from("web").getLast()).isEqualTo(new Event.Stopped("web"));
        }
    }

    @Test
    void aFailingCheckPublishesUnhealthyWithWhatItPrinted() throws Exception {
        try (var fixture = JobFixture.started("""
                { jobs: [{ name: 'web', exec: 'sleep 30',
                           health: { exec: ['sh', '-c', 'echo not ready; exit 1'], interval: '1h' } }] }""")) {
            Event unhealthy = fixture.trace.awaitOne(e -> e instanceof Event.Unhealthy);
            fixture.awaitSnapshot("web", s -> s.health() == HealthStatus.UNHEALTHY);

            assertThat(unhealthy).isEqualTo(new Event.Unhealthy("web", "not ready"));
            assertThat(fixture.trace.from("check.web")).singleElement().satisfies(event -> {
                assertThat(event).isInstanceOf(Event.ExitFailed.class);
                assertThat(((Event.ExitFailed) event).reason()).isEqualTo("exit 1");
            });
            assertThat(fixture.log.messages("check", "check.web")).contains("not ready");
        }
    }

    @Test
    void aHungCheckIsTimedOutWhileAnotherJobsEventsKeepFlowing() throws Exception {
        try (var fixture = JobFixture.started("""
                { jobs: [{ name: 'stuck', exec: 'sleep 30',
                           health: { exec: 'sleep 30', interval: '50ms', timeout: '300ms' } },
                         { name: 'fine', exec: 'sleep 30', health: { exec: 'true', interval: '20ms' } }] }""")) {
            Event timedOut = fixture.trace.awaitOne(e -> e.source().equals("check.stuck"));
            fixture.trace.awaitOne(e -> e.source().equals("stuck") && e instanceof Event.Unhealthy);

            assertThat(timedOut).isInstanceOfSatisfying(Event.ExitFailed.class, failed -> {
                assertThat(failed.exitCode()).isEqualTo(137);
                assertThat(failed.reason()).isEqualTo("timed out after 300ms");
            });
            int healthyBeforeTimeout = fixture.trace.all().indexOf(timedOut);
            assertThat(fixture.trace.all().subList(0, healthyBeforeTimeout))
                    .as("the other job's checks while this one hung")
                    .filteredOn(e -> e.equals(new Event.Healthy("fine"))).hasSizeGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void checksStopWhenTheJobsProcessExits() throws Exception {
        try (var fixture = JobFixture.started("""
                { jobs: [{ name: 'brief', exec: ['sh', '-c', 'sleep 0.3'],
                           health: { exec: 'true', interval: '1h' } }] }""")) {
            fixture.awaitEnd("brief");

            assertThat(fixture.trace.from("check.brief")).as("the first check runs at once, the next one never")
                    .singleElement().isInstanceOf(Event.ExitSuccess.class);
            assertThat(fixture.trace.from("brief")).first().isEqualTo(new Event.Healthy("brief"));
        }
    }
}
