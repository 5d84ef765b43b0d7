package io.autopilot.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.events.Event;
import io.autopilot.health.HealthStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Health checks run beside a job's process, and the job publishes its health after every run. */
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
    void theSnapshotTellsHowLongTheLastCheckTook() throws Exception {
        try (var fixture = JobFixture.started("""
                { jobs: [{ name: 'web', exec: 'sleep 30', health: { exec: 'sleep 0.2', interval: '1h' } }] }""")) {
            JobSnapshot checked = fixture.awaitSnapshot("web", s -> s.lastCheck().isPresent());

            assertThat(checked.lastCheck().orElseThrow()).isBetween(Duration.ofMillis(200), Duration.ofSeconds(10));
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
                           health: { exec: 'sleep 30', interval: '50ms', timeout: '1s' } },
                         { name: 'fine', exec: 'sleep 30', health: { exec: 'true', interval: '20ms' } }] }""")) {
            Event timedOut = fixture.trace.awaitOne(e -> e.source().equals("check.stuck"));
            fixture.trace.awaitOne(e -> e.source().equals("stuck") && e instanceof Event.Unhealthy);

            assertThat(timedOut).isInstanceOfSatisfying(Event.ExitFailed.class, failed -> {
                assertThat(failed.exitCode()).isEqualTo(137);
                assertThat(failed.reason()).isEqualTo("timed out after 1s");
            });
            // A second of hang leaves room for dozens of the other job's 20 ms checks; three is the floor even on a
            // machine loaded enough to spawn slowly.
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

    @Test
    void anHttpCheckPublishesTheHealthTheThresholdsDecideAfterEveryRun() throws Exception {
        try (var server = new StatusSequenceServer(List.of(200, 200, 500, 200, 500, 500, 500, 200, 200));
             var fixture = JobFixture.started("""
                     { jobs: [{ name: 'web', exec: 'sleep 30', health: { http: '%s', interval: '20ms', timeout: '5s',
                                successBeforePassing: 2, failuresBeforeCritical: 2 } }] }""".formatted(server.url()))) {
            fixture.trace.await(e -> e.source().equals("web") && e instanceof Event.Healthy, 6);

            Event healthy = new Event.Healthy("web");
            Event unhealthy = new Event.Unhealthy("web", "GET " + server.url() + ": 500 Internal Server Error");
            assertThat(fixture.trace.from("web")).as("results 200 200 500 200 500 500 500 200 200 200")
                    .startsWith(healthy, healthy, healthy, healthy, unhealthy, unhealthy, unhealthy, healthy, healthy);
            assertThat(fixture.trace.from("check.web")).as("no process, no exit events").isEmpty();
        }
    }

    @Test
    void anExecCheckStillPublishesEveryExitButTheJobOnlyItsHealth() throws Exception {
        try (var fixture = JobFixture.started("""
                { jobs: [{ name: 'web', exec: 'sleep 30',
                           health: { exec: ['sh', '-c', 'echo down; exit 1'], interval: '20ms',
                                     failuresBeforeCritical: 3 } }] }""")) {
            fixture.trace.await(e -> e instanceof Event.Unhealthy, 2);

            assertThat(fixture.trace.from("check.web", "web").stream().map(e -> e.getClass().getSimpleName()))
                    .startsWith("ExitFailed", "ExitFailed", "ExitFailed", "Unhealthy", "ExitFailed", "Unhealthy");
            assertThat(fixture.trace.from("web")).first().isEqualTo(new Event.Unhealthy("web", "down"));
        }
    }

    @Test
    void aTcpCheckOnAClosedPortMakesTheJobUnhealthy() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (var fixture = JobFixture.started("""
                { jobs: [{ name: 'db', exec: 'sleep 30', health: { tcp: '127.0.0.1:%d', interval: '1h' } }] }"""
                .formatted(port))) {
            Event unhealthy = fixture.trace.awaitOne(e -> e instanceof Event.Unhealthy);
            fixture.awaitSnapshot("db", s -> s.health() == HealthStatus.UNHEALTHY);

            assertThat(((Event.Unhealthy) unhealthy).output()).startsWith("tcp 127.0.0.1:" + port + ": ")
                    .containsIgnoringCase("refused");
            assertThat(fixture.log.messages("check", "check.db")).singleElement().isEqualTo(
                    ((Event.Unhealthy) unhealthy).output());
        }
    }
}
