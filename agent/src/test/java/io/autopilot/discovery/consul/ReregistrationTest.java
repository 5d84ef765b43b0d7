package io.autopilot.discovery.consul;

import static io.autopilot.discovery.consul.Clients.web;
import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.logging.LoggingConfig.Level;
import io.autopilot.testing.consul.ConsulAgent;
import io.autopilot.testing.consul.RealConsul;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Consul losing our service, and maintenance: both end with the service registered again, which ContainerPilot 3.8
 * never did.
 */
@RealConsul
class ReregistrationTest {
    @RegisterExtension
    final Clients clients = new Clients();


    @Test
    void theNextCheckUpdateRegistersAgainAServiceDeregisteredBehindOurBack(ConsulAgent consul) {
        var discovery = clients.to(consul);
        Await.result(discovery.register(web("web-lost")));
        consul.api().deregister("web-lost");

        Await.result(discovery.fail("web-lost", "exit status 1"));

        assertThat(consul.api().agentService("web-lost")).isPresent();
        JsonObject check = consul.api().agentCheck("service:web-lost").orElseThrow();
        assertThat(check.getString("Status")).isEqualTo("critical");
        assertThat(check.getString("Output")).isEqualTo("exit status 1");
        assertThat(clients.log.messages(Level.INFO)).anySatisfy(line -> assertThat(line)
                .contains("no longer knows service web-lost").contains("does not have associated TTL"));
    }

    @Test
    void aCheckUpdateSentWhileItsRegistrationIsOnItsWayWaitsForIt(ConsulAgent consul) {
        var discovery = clients.to(consul);
        var registered = discovery.register(web("web-eager"));

        Await.result(discovery.pass("web-eager", "first heartbeat"));

        assertThat(registered.isComplete()).as("the update went after the registration").isTrue();
        assertThat(consul.api().agentCheck("service:web-eager").orElseThrow().getString("Output"))
                .isEqualTo("first heartbeat");
        assertThat(clients.log.messages).noneMatch(line -> line.contains("no longer knows"));
    }

    @Test
    void theNextCheckUpdateRegistersAgainAfterConsulRestartedWithoutItsState(ConsulAgent consul) {
        var discovery = clients.to(consul);
        Await.result(discovery.register(web("web-restart").withTags(java.util.List.of("blue"))));
        consul.restart();
        assertThat(consul.api().agentService("web-restart")).isEmpty();

        Await.result(discovery.pass("web-restart", "ok"));

        JsonObject service = consul.api().agentService("web-restart").orElseThrow();
        assertThat(service.getJsonArray("Tags").stream().map(String::valueOf).toList()).containsExactly("blue");
        assertThat(consul.api().agentCheck("service:web-restart").orElseThrow().getString("Output")).isEqualTo("ok");
    }

    @Test
    void maintenanceDeregistersEveryServiceAndKeepsLaterUpdatesToItself(ConsulAgent consul) {
        var discovery = clients.to(consul);
        Await.result(discovery.register(web("web-m1")));
        Await.result(discovery.register(web("web-m2")));

        Await.result(discovery.enterMaintenance());
        Await.result(discovery.fail("web-m1", "down for maintenance"));

        assertThat(discovery.inMaintenance()).isTrue();
        assertThat(consul.api().agentService("web-m1")).isEmpty();
        assertThat(consul.api().agentService("web-m2")).isEmpty();
    }

    @Test
    void leavingMaintenanceRegistersEveryServiceAgainWithItsLastStatus(ConsulAgent consul) {
        var discovery = clients.to(consul);
        Await.result(discovery.register(web("web-back1")));
        Await.result(discovery.register(web("web-back2")));
        Await.result(discovery.enterMaintenance());
        Await.result(discovery.fail("web-back1", "still failing"));

        Await.result(discovery.exitMaintenance());

        assertThat(discovery.inMaintenance()).isFalse();
        JsonObject first = consul.api().agentCheck("service:web-back1").orElseThrow();
        assertThat(first.getString("Status")).isEqualTo("critical");
        assertThat(first.getString("Output")).isEqualTo("still failing");
        assertThat(consul.api().agentCheck("service:web-back2").orElseThrow().getString("Status"))
                .isEqualTo("passing");
    }

    @Test
    void aServiceDeregisteredDuringMaintenanceStaysGoneAfterwards(ConsulAgent consul) {
        var discovery = clients.to(consul);
        Await.result(discovery.register(web("web-stopped")));
        Await.result(discovery.enterMaintenance());
        Await.result(discovery.deregister("web-stopped"));

        Await.result(discovery.exitMaintenance());

        assertThat(consul.api().agentService("web-stopped")).isEmpty();
    }
}
