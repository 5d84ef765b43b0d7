package io.autopilot.discovery.consul;

import io.autopilot.discovery.ConsulConfig;
import io.autopilot.discovery.DiscoveryStats;
import io.autopilot.discovery.ServiceRegistration;
import io.autopilot.discovery.TlsConfig;
import io.autopilot.testing.RecordingLog;
import io.autopilot.testing.consul.ConsulAgent;
import io.autopilot.testing.consul.TestConsul;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Creates the clients under test against a test agent, with settings short enough for tests, and closes them and
 * their Vert.x together after each test: register it with {@code @RegisterExtension}.
 */
final class Clients implements AutoCloseable, AfterEachCallback {
    static final ConsulSettings FAST = TestConsul.FAST_CLIENT;

    final Vertx vertx = Vertx.vertx();
    final RecordingLog log = new RecordingLog();
    private final List<ConsulDiscovery> created = new ArrayList<>();

    ConsulDiscovery to(ConsulAgent agent) {
        return to(agent, FAST, Optional.empty(), state -> { });
    }

    ConsulDiscovery to(ConsulAgent agent, ConsulSettings settings, Optional<String> token,
            Consumer<Reachability> reachability) {
        var config = new ConsulConfig(Optional.of(agent.httpAddress()), Optional.empty(), token, TlsConfig.DEFAULT);
        return to(ConsulEndpoint.resolve(config, Map.of()), settings, reachability);
    }

    /** A client whose failures the agent cannot survive go to {@code fatal}. */
    ConsulDiscovery to(ConsulAgent agent, Consumer<Throwable> fatal) {
        var config = new ConsulConfig(Optional.of(agent.httpAddress()), Optional.empty(), Optional.empty(),
                TlsConfig.DEFAULT);
        var discovery = ConsulConnections.open(vertx, ConsulEndpoint.resolve(config, Map.of()), FAST, log,
                new DiscoveryStats(), fatal).client(state -> { }).orElseThrow();
        created.add(discovery);
        return discovery;
    }

    ConsulDiscovery to(ConsulEndpoint endpoint, ConsulSettings settings, Consumer<Reachability> reachability) {
        var discovery = ConsulDiscovery.create(vertx, endpoint, settings, log, reachability);
        created.add(discovery);
        return discovery;
    }

    static ServiceRegistration web(String id) {
        return ServiceRegistration.of(id, "web", "127.0.0.1", 8080, Duration.ofSeconds(30));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        created.forEach(ConsulDiscovery::close);
        Await.result(vertx.close());
    }
}
