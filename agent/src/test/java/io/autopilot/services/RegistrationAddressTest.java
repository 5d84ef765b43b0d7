package io.autopilot.services;

import static io.autopilot.testing.Eventually.until;
import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.discovery.CheckStatus;
import io.autopilot.discovery.InterfaceSnapshot;
import io.autopilot.discovery.InterfaceSnapshot.Interface;
import io.autopilot.discovery.InterfaceSpec;
import io.autopilot.discovery.ServiceRegistration;
import io.autopilot.events.Event;
import io.autopilot.logging.LoggingConfig.Level;
import io.autopilot.testing.consul.ConsulAgent;
import io.autopilot.testing.consul.RealConsul;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A service none of whose interfaces has an address when the agent starts: it waits, says why, and registers in a real
 * Consul as soon as an interface with an address appears.
 */
@RealConsul
class RegistrationAddressTest {
    private static ServicePlan withoutAddress(String id, Optional<CheckStatus> initial) {
        var registration = new ServiceRegistration(id, "web", "", 8080, List.of(), Map.of(), false,
                Duration.ofSeconds(30), Optional.empty(), initial.orElse(CheckStatus.PASSING));
        return new ServicePlan("web", registration, initial.isPresent(), Optional.empty(),
                List.of(InterfaceSpec.parse("eth9")));
    }

    @Test
    void aServiceWaitsForAnAddressSaysWhyAndRegistersOnceOneMatches(ConsulAgent consul) {
        var machine = new AtomicReference<>(InterfaceSnapshot.of(Interface.of("lo", "127.0.0.1")));
        try (var fixture = new ConsulFixture(consul, machine::get, withoutAddress("web-late", Optional.empty()))) {
            List<Event> events = new CopyOnWriteArrayList<>();
            fixture.bus.subscribe(Runnable::run, events::add);
            assertThat(fixture.snapshot("web-late").state()).isEqualTo(RegistrationState.NO_ADDRESS);

            fixture.publish(new Event.Startup());
            fixture.publish(new Event.Healthy("web"));

            until(() -> fixture.snapshot("web-late").reason().startsWith("no address"), () -> "the reason shown");
            assertThat(fixture.snapshot("web-late").reason())
                    .isEqualTo("no address matches the interfaces eth9:inet; this machine has lo (127.0.0.1)");
            assertThat(fixture.snapshot("web-late").state()).isEqualTo(RegistrationState.NO_ADDRESS);
            until(() -> events.stream().anyMatch(Event.NoAddress.class::isInstance), () -> "noAddress in " + events);
            assertThat(events).filteredOn(Event.NoAddress.class::isInstance).containsExactly(new Event.NoAddress(
                    "web", "no address matches the interfaces eth9:inet; this machine has lo (127.0.0.1)"));
            assertThat(fixture.log.messages(Level.WARN)).singleElement().asString()
                    .contains("service web-late is not registered: no address matches the interfaces eth9:inet");
            assertThat(consul.api().agentService("web-late")).isEmpty();

            machine.set(InterfaceSnapshot.of(Interface.of("lo", "127.0.0.1"), Interface.of("eth9", "10.9.9.9")));

            until(() -> consul.api().agentService("web-late").isPresent(), () -> "web-late registered");
            assertThat(consul.api().agentService("web-late").orElseThrow().getString("Address"))
                    .isEqualTo("10.9.9.9");
            until(() -> fixture.snapshot("web-late").state() == RegistrationState.REGISTERED, () -> "registered");
            assertThat(fixture.snapshot("web-late").reason()).isEmpty();
            assertThat(fixture.snapshot("web-late").address()).isEqualTo("10.9.9.9");
            assertThat(events).filteredOn(Event.NoAddress.class::isInstance).hasSize(1);
        }
    }

    @Test
    void aServiceWithAnInitialStatusRegistersWithItOnceItHasAnAddress(ConsulAgent consul) {
        var machine = new AtomicReference<>(InterfaceSnapshot.of(Interface.of("lo", "127.0.0.1")));
        try (var fixture = new ConsulFixture(consul, machine::get,
                withoutAddress("web-warn", Optional.of(CheckStatus.WARNING)))) {
            fixture.publish(new Event.Startup());
            until(() -> fixture.snapshot("web-warn").reason().startsWith("no address"), () -> "the reason shown");

            machine.set(InterfaceSnapshot.of(Interface.of("eth9", "10.9.9.8")));

            until(() -> consul.api().agentCheck("service:web-warn").isPresent(), () -> "web-warn registered");
            assertThat(consul.api().agentCheck("service:web-warn").orElseThrow().getString("Status"))
                    .isEqualTo("warning");
        }
    }
}
