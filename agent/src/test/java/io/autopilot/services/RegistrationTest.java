package io.autopilot.services;

import static io.autopilot.testing.Eventually.until;
import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.discovery.CheckStatus;
import io.autopilot.discovery.ServiceRegistration;
import io.autopilot.events.Event;
import io.autopilot.testing.Eventually;
import io.autopilot.testing.consul.ConsulAgent;
import io.autopilot.testing.consul.RealConsul;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A job's service in a real Consul, driven by the job's events as the bus carries them. */
@RealConsul
class RegistrationTest {
    private static ServicePlan checked(String id, Optional<CheckStatus> initial) {
        var registration = new ServiceRegistration(id, "web", "10.0.0.5", 8080, List.of("blue"),
                Map.of("version", "2"), true, Duration.ofSeconds(30), Optional.of(Duration.ofMinutes(10)),
                initial.orElse(CheckStatus.PASSING));
        return new ServicePlan("web", registration, initial.isPresent(), Optional.empty());
    }

    private static Optional<List<String>> check(ConsulAgent consul, String id) {
        return consul.api().agentCheck("service:" + id).map(c -> List.of(c.getString("Status"),
                c.getString("Output")));
    }

    @Test
    void registersEveryFieldOnTheFirstPassingCheckAndNotBefore(ConsulAgent consul) {
        try (var fixture = new ConsulFixture(consul, checked("web-lazy", Optional.empty()))) {
            fixture.publish(new Event.Startup());
            fixture.publish(new Event.Unhealthy("web", "not yet"));
            until(() -> fixture.snapshot("web-lazy").status() == CheckStatus.CRITICAL, () -> "the failure seen");
            assertThat(consul.api().agentService("web-lazy")).as("registered before a passing check").isEmpty();
            assertThat(fixture.snapshot("web-lazy").state()).isEqualTo(RegistrationState.PENDING);

            fixture.publish(new Event.Healthy("web"));

            until(() -> consul.api().agentService("web-lazy").isPresent(), () -> "web-lazy registered");
            JsonObject service = consul.api().agentService("web-lazy").orElseThrow();
            assertThat(service.getString("Service")).isEqualTo("web");
            assertThat(service.getString("Address")).isEqualTo("10.0.0.5");
            assertThat(service.getInteger("Port")).isEqualTo(8080);
            assertThat(service.getJsonArray("Tags").stream().map(String::valueOf).toList()).containsExactly("blue");
            assertThat(service.getJsonObject("Meta").getMap()).containsExactly(Map.entry("version", "2"));
            assertThat(service.getBoolean("EnableTagOverride")).isTrue();
            assertThat(check(consul, "web-lazy").orElseThrow().getFirst()).isEqualTo("passing");
            assertThat(fixture.snapshot("web-lazy").state()).isEqualTo(RegistrationState.REGISTERED);
        }
    }

    @Test
    void registersAtOnceWithTheInitialStatus(ConsulAgent consul) {
        try (var fixture = new ConsulFixture(consul, checked("web-warning", Optional.of(CheckStatus.WARNING)))) {
            fixture.publish(new Event.Startup());

            until(() -> check(consul, "web-warning").isPresent(), () -> "web-warning registered");
            assertThat(check(consul, "web-warning").orElseThrow().getFirst()).isEqualTo("warning");
        }
    }

    @Test
    void aFailingCheckTurnsTheServiceCriticalAtOnceWithTheChecksOutput(ConsulAgent consul) {
        try (var fixture = new ConsulFixture(consul, checked("web-fails", Optional.empty()))) {
            fixture.publish(new Event.Startup());
            fixture.publish(new Event.Healthy("web"));
            until(() -> check(consul, "web-fails").isPresent(), () -> "web-fails registered");

            fixture.publish(new Event.Unhealthy("web", "curl: (7) connection refused"));

            until(() -> check(consul, "web-fails").orElseThrow().getFirst().equals("critical"), () -> "critical");
            assertThat(check(consul, "web-fails")).contains(List.of("critical", "curl: (7) connection refused"));
            assertThat(fixture.snapshot("web-fails").state()).isEqualTo(RegistrationState.CRITICAL);

            fixture.publish(new Event.Healthy("web"));

            until(() -> check(consul, "web-fails").orElseThrow().equals(List.of("passing", "ok")), () -> "passing");
        }
    }

    @Test
    void aJobWithoutACheckIsPassedEveryIntervalByItsHeartbeat(ConsulAgent consul) {
        // A heartbeat 20 times per TTL: a margin no loaded machine eats up.
        var plan = ServicePlan.heartbeat("db", ServiceRegistration.of("db-beat", "db", "127.0.0.1", 5432,
                Duration.ofSeconds(2)), Duration.ofMillis(100));
        try (var fixture = new ConsulFixture(consul, plan)) {
            fixture.publish(new Event.Startup());
            until(() -> check(consul, "db-beat").isPresent(), () -> "db-beat registered");

            // Two TTLs without any event: only the heartbeat keeps the check from turning critical.
            Eventually.holdsFor(Duration.ofSeconds(4),
                    () -> check(consul, "db-beat").orElseThrow().getFirst().equals("passing"),
                    () -> "db-beat passing: " + check(consul, "db-beat"));
        }
    }

    @Test
    void itsJobStoppingDeregistersTheService(ConsulAgent consul) {
        try (var fixture = new ConsulFixture(consul, checked("web-stops", Optional.of(CheckStatus.PASSING)))) {
            fixture.publish(new Event.Startup());
            until(() -> consul.api().agentService("web-stops").isPresent(), () -> "registered");

            fixture.publish(new Event.Stopping("web"));

            until(() -> consul.api().agentService("web-stops").isEmpty(), () -> "deregistered");
            assertThat(fixture.snapshot("web-stops").state()).isEqualTo(RegistrationState.DEREGISTERED);
            fixture.publish(new Event.Healthy("web"));
            // Ended stays ended: a later healthy registers nothing (the snapshot would say DEREGISTERED regardless).
            Eventually.holdsFor(Duration.ofSeconds(1), () -> consul.api().agentService("web-stops").isEmpty(),
                    () -> "web-stops registered again after its job stopped");
            assertThat(fixture.snapshot("web-stops").state()).isEqualTo(RegistrationState.DEREGISTERED);
        }
    }

    @Test
    void stoppingTheRegistrationsDeregistersWhatIsLeft(ConsulAgent consul) {
        var fixture = new ConsulFixture(consul, checked("web-left", Optional.of(CheckStatus.PASSING)));
        fixture.publish(new Event.Startup());
        until(() -> consul.api().agentService("web-left").isPresent(), () -> "registered");

        fixture.close();

        assertThat(consul.api().agentService("web-left")).isEmpty();
    }

    @Test
    void maintenanceDeregistersAndItsEndRegistersAgainWithTheLastStatus(ConsulAgent consul) {
        try (var fixture = new ConsulFixture(consul, checked("web-maint", Optional.empty()))) {
            fixture.publish(new Event.Startup());
            fixture.publish(new Event.Healthy("web"));
            fixture.publish(new Event.Unhealthy("web", "disk full"));
            until(() -> check(consul, "web-maint").filter(c -> c.getFirst().equals("critical")).isPresent(),
                    () -> "critical");

            fixture.publish(new Event.EnterMaintenance());

            until(() -> consul.api().agentService("web-maint").isEmpty(), () -> "deregistered for maintenance");
            until(() -> fixture.snapshot("web-maint").state() == RegistrationState.MAINTENANCE, () -> "state");

            fixture.publish(new Event.ExitMaintenance());

            until(() -> check(consul, "web-maint").isPresent(), () -> "registered again");
            until(() -> check(consul, "web-maint").orElseThrow().equals(List.of("critical", "disk full")),
                    () -> "the last status restored: " + check(consul, "web-maint"));
            assertThat(fixture.snapshot("web-maint").state()).isEqualTo(RegistrationState.CRITICAL);
        }
    }

    @Test
    void aConsulThatRestartedWithoutItsStateGetsTheServiceBack(ConsulAgent consul) {
        var plan = ServicePlan.heartbeat("db", ServiceRegistration.of("db-back", "db", "127.0.0.1", 5432,
                Duration.ofSeconds(10)), Duration.ofMillis(200));
        try (var fixture = new ConsulFixture(consul, plan)) {
            fixture.publish(new Event.Startup());
            until(() -> consul.api().agentService("db-back").isPresent(), () -> "registered");

            consul.restart();

            until(() -> consul.api().agentService("db-back").isPresent(), () -> "registered again after the restart");
            until(() -> fixture.snapshot("db-back").state() == RegistrationState.REGISTERED, () -> "state "
                    + fixture.snapshot("db-back"));
        }
    }
}
