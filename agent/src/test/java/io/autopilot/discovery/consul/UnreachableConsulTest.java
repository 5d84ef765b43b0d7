package io.autopilot.discovery.consul;

import static io.autopilot.discovery.consul.Clients.web;
import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.discovery.DiscoveryException;
import io.autopilot.discovery.ServiceInstance;
import io.autopilot.discovery.ServiceQuery;
import io.autopilot.logging.LoggingConfig.Level;
import io.autopilot.testing.consul.ConsulAgent;
import io.autopilot.testing.consul.RealConsul;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Consul going away and coming back on the same address: calls wait it out, and each change is told once. */
@RealConsul
class UnreachableConsulTest {
    @RegisterExtension
    final Clients clients = new Clients();


    @Test
    void callsAndWatchesRetryUntilConsulIsBackAndEachChangeIsReportedOnce(ConsulAgent consul) {
        List<Reachability> states = new CopyOnWriteArrayList<>();
        var discovery = clients.to(consul, Clients.FAST, Optional.empty(), states::add);
        Await.result(discovery.register(web("web-patient")));
        var recorder = new WatchRecorder<List<ServiceInstance>>();
        discovery.watchService(ServiceQuery.of("web", Duration.ofMillis(200)), recorder);
        assertThat(recorder.next()).extracting(ServiceInstance::id).containsExactly("web-patient");

        consul.stop();
        var update = discovery.pass("web-patient", "still here");
        Await.until("several failed attempts", () -> recorder.errors().size() >= 3);
        assertThat(update.isComplete()).isFalse();
        assertThat(recorder.errors()).allSatisfy(error -> assertThat(error.kind())
                .isEqualTo(DiscoveryException.Kind.UNREACHABLE));
        consul.start();

        Await.result(update);
        Await.result(discovery.register(web("web-newcomer")));
        // Consul came back empty (a dev agent keeps no state): the watch may first see no instance, or web-patient
        // alone, before both are registered again.
        Await.until("the watch sees both services", () -> !recorder.all().isEmpty() && recorder.all().getLast()
                .stream().map(ServiceInstance::id).toList().equals(List.of("web-newcomer", "web-patient")));
        assertThat(states).containsExactly(Reachability.UNREACHABLE, Reachability.REACHABLE);
        assertThat(clients.log.messages(Level.WARN)).filteredOn(line -> line.contains("is unreachable")).hasSize(1);
        assertThat(clients.log.messages(Level.INFO)).filteredOn(line -> line.contains("reachable again")).hasSize(1);
    }

    @Test
    void anUnreachableConsulFailsAWatchQueryWithTheAddressInTheMessage() {
        var endpoint = ConsulEndpoint.resolve(new io.autopilot.discovery.ConsulConfig(Optional.of("127.0.0.1:1"),
                Optional.empty(), Optional.empty(), io.autopilot.discovery.TlsConfig.DEFAULT), java.util.Map.of());
        var recorder = new WatchRecorder<List<ServiceInstance>>();

        clients.to(endpoint, Clients.FAST, state -> { }).watchService(ServiceQuery.of("web", Duration.ofMillis(100)),
                recorder);

        Await.until("a failed query", () -> !recorder.errors().isEmpty());
        assertThat(recorder.errors().getFirst()).hasMessageContaining("http://127.0.0.1:1 is unreachable");
    }
}
