package io.autopilot.discovery.consul;

import static io.autopilot.discovery.consul.Clients.web;

import io.autopilot.discovery.ConsulConfig;
import io.autopilot.discovery.TlsConfig;
import io.autopilot.testing.Eventually;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Consul that takes every check update but holds its answers, as an overloaded agent does. The agent has a few
 * connections for its own services ({@link ConsulSettings#agentConnections()}); a held update keeps one until its
 * request times out. Every service must still get its newest status through to Consul, or its TTL runs out while
 * Consul was willing to hear it.
 */
class StalledConsulTest {
    private static final int SERVICES = 6;
    /** Longer than the test's bound: a held update keeps its connection for all of it. */
    private static final ConsulSettings SLOW_TIMEOUT = new ConsulSettings(Duration.ofSeconds(60),
            Duration.ofSeconds(2), Duration.ofMillis(50), Duration.ofMillis(200));

    @RegisterExtension
    final Clients clients = new Clients();

    /** Before: the first four services' updates held the four connections; the other two never got through. */
    @Test
    void everyServiceGetsItsCheckUpdatesThroughWhileConsulHoldsItsAnswers() {
        Set<String> updated = ConcurrentHashMap.newKeySet();
        try (var consul = FakeConsul.answering(clients.vertx, request -> {
            if (request.path().startsWith("/v1/agent/check/update/")) {
                updated.add(request.path()); // and never answered
            } else {
                request.response().end();
            }
        })) {
            var endpoint = ConsulEndpoint.resolve(new ConsulConfig(Optional.of("127.0.0.1:" + consul.port()),
                    Optional.empty(), Optional.empty(), TlsConfig.DEFAULT), Map.of());
            var discovery = clients.to(endpoint, SLOW_TIMEOUT, state -> { });
            for (int i = 0; i < SERVICES; i++) {
                Await.result(discovery.register(web("web-" + i)));
            }

            // As the health checks do: each service passes again and again, whether or not Consul answered.
            long heartbeat = clients.vertx.setPeriodic(100, tick -> {
                for (int i = 0; i < SERVICES; i++) {
                    discovery.pass("web-" + i, "ok");
                }
            });
            try {
                Eventually.until(() -> updated.size() == SERVICES, () -> "an update of every service received, not"
                        + " only of the first " + SLOW_TIMEOUT.agentConnections() + ": " + updated);
            } finally {
                clients.vertx.cancelTimer(heartbeat);
            }
        }
    }
}
