package io.autopilot.services;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.discovery.ConsulConfig;
import io.autopilot.discovery.InterfaceSnapshot;
import io.autopilot.discovery.TlsConfig;
import io.autopilot.discovery.consul.ConsulDiscovery;
import io.autopilot.discovery.consul.ConsulEndpoint;
import io.autopilot.discovery.consul.ConsulSettings;
import io.autopilot.discovery.consul.Reachability;
import io.autopilot.events.Event;
import io.autopilot.events.EventBus;
import io.autopilot.testing.Futures;
import io.autopilot.testing.RecordingLog;
import io.autopilot.testing.consul.ConsulAgent;
import io.autopilot.testing.consul.TestConsul;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Registrations against a real Consul, on a real bus: the test plays the jobs and the agent, publishing their events
 * itself, and reads the result back through Consul's own API.
 */
final class ConsulFixture implements AutoCloseable {
    static final ConsulSettings FAST = TestConsul.FAST_CLIENT;

    final Vertx vertx = Vertx.vertx();
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    final EventBus bus = new EventBus(errors::add);
    final RecordingLog log = new RecordingLog();
    final ConsulDiscovery discovery;
    final Registrations registrations;

    ConsulFixture(ConsulAgent consul, ServicePlan... plans) {
        this(consul, InterfaceSnapshot::ofMachine, plans);
    }

    /** @param machine the interfaces where a service without an address looks for one */
    ConsulFixture(ConsulAgent consul, Supplier<InterfaceSnapshot> machine, ServicePlan... plans) {
        var config = new ConsulConfig(Optional.of(consul.httpAddress()), Optional.empty(), Optional.empty(),
                TlsConfig.DEFAULT);
        Registrations[] made = new Registrations[1];
        discovery = ConsulDiscovery.create(vertx, ConsulEndpoint.resolve(config, Map.of()), FAST, log,
                state -> made[0].reachability(state == Reachability.REACHABLE));
        registrations = new Registrations(List.of(plans), discovery, bus, vertx, log, Clock.systemUTC(), machine);
        made[0] = registrations;
        Futures.await(registrations.start());
    }

    void publish(Event event) {
        bus.publish(event);
    }

    RegistrationSnapshot snapshot(String serviceId) {
        return registrations.snapshots().stream().filter(s -> s.serviceId().equals(serviceId)).findFirst()
                .orElseThrow();
    }

    @Override
    public void close() {
        Futures.await(registrations.stop().transform(ignored -> discovery.close()));
        Futures.await(vertx.close());
        assertThat(errors).as("subscriber errors").isEmpty();
    }
}
