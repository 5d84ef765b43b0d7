package io.autopilot.discovery.consul;

import static io.autopilot.discovery.consul.Clients.web;
import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.discovery.CheckStatus;
import io.autopilot.discovery.DiscoveryException;
import io.autopilot.discovery.ServiceRegistration;
import io.autopilot.testing.consul.ConsulAgent;
import io.autopilot.testing.consul.RealConsul;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Registration, check updates and deregistration, read back from a real Consul's own API. */
@RealConsul
class RegistrationTest {
    @RegisterExtension
    final Clients clients = new Clients();


    @Test
    void registersEveryFieldContainerPilotSendsAndMeta(ConsulAgent consul) {
        var registration = new ServiceRegistration("api-host1", "api", "10.0.0.5", 9000, List.of("blue", "v2"),
                Map.of("version", "2.1"), true, Duration.ofSeconds(30), Optional.of(Duration.ofMinutes(10)),
                CheckStatus.WARNING);

        Await.result(clients.to(consul).register(registration));

        JsonObject service = consul.api().agentService("api-host1").orElseThrow();
        assertThat(service.getString("Service")).isEqualTo("api");
        assertThat(service.getString("Address")).isEqualTo("10.0.0.5");
        assertThat(service.getInteger("Port")).isEqualTo(9000);
        assertThat(service.getJsonArray("Tags").stream().map(String::valueOf).toList()).containsExactly("blue", "v2");
        assertThat(service.getJsonObject("Meta").getMap()).containsExactly(Map.entry("version", "2.1"));
        assertThat(service.getBoolean("EnableTagOverride")).isTrue();
        JsonObject check = consul.api().agentCheck("service:api-host1").orElseThrow();
        assertThat(check.getString("Type")).isEqualTo("ttl");
        assertThat(check.getString("Status")).isEqualTo("warning");
        assertThat(check.getString("Notes")).isEqualTo("TTL for api set by containerpilot");
    }

    @Test
    void theCheckTurnsCriticalWhenItsTtlRunsOutWithoutAnUpdate(ConsulAgent consul) {
        var registration = ServiceRegistration.of("ttl-host1", "ttl", "127.0.0.1", 80, Duration.ofSeconds(1));

        Await.result(clients.to(consul).register(registration));

        assertThat(consul.api().agentCheck("service:ttl-host1").orElseThrow().getString("Status"))
                .isEqualTo("passing");
        Await.until("the TTL to expire", () -> consul.api().agentCheck("service:ttl-host1").orElseThrow()
                .getString("Status").equals("critical"));
    }

    @Test
    void passWarnAndFailSetTheCheckAndItsOutputAtOnce(ConsulAgent consul) {
        var discovery = clients.to(consul);
        Await.result(discovery.register(web("web-status")));

        Await.result(discovery.fail("web-status", "connection refused on :8080"));
        assertThat(check(consul, "web-status")).containsExactly("critical", "connection refused on :8080");

        Await.result(discovery.warn("web-status", "slow"));
        assertThat(check(consul, "web-status")).containsExactly("warning", "slow");

        Await.result(discovery.pass("web-status", "ok"));
        assertThat(check(consul, "web-status")).containsExactly("passing", "ok");
    }

    @Test
    void deregisteringRemovesTheServiceAndItsCheck(ConsulAgent consul) {
        var discovery = clients.to(consul);
        Await.result(discovery.register(web("web-gone")));

        Await.result(discovery.deregister("web-gone"));

        assertThat(consul.api().agentService("web-gone")).isEmpty();
        assertThat(consul.api().agentCheck("service:web-gone")).isEmpty();
    }

    @Test
    void deregisteringAServiceConsulDoesNotKnowSucceeds(ConsulAgent consul) {
        Await.result(clients.to(consul).deregister("never-registered"));
    }

    @Test
    void updatingTheCheckOfAServiceNeverRegisteredHereFailsWithoutAsking(ConsulAgent consul) {
        Throwable failure = Await.failure(clients.to(consul).pass("stranger", "ok"));

        assertThat(failure).isInstanceOf(DiscoveryException.class).hasMessageContaining("service stranger: it is not registered");
        assertThat(((DiscoveryException) failure).kind()).isEqualTo(DiscoveryException.Kind.INVALID);
    }

    @Test
    void consulRejectingARegistrationFailsTheCallWithConsulsReason(ConsulAgent consul) {
        var badMeta = web("web-bad").withMeta(Map.of("consul-reserved", "x"));

        Throwable failure = Await.failure(clients.to(consul).register(badMeta));

        assertThat(failure).isInstanceOf(ConsulRejection.class).hasMessageContaining("400")
                .hasMessageContaining("consul-");
    }

    private static List<String> check(ConsulAgent consul, String serviceId) {
        JsonObject check = consul.api().agentCheck("service:" + serviceId).orElseThrow();
        return List.of(check.getString("Status"), check.getString("Output"));
    }
}
