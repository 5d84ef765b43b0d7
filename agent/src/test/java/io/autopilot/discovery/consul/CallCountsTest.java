package io.autopilot.discovery.consul;

import static io.autopilot.discovery.consul.Clients.web;
import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.discovery.CheckStatus;
import io.autopilot.discovery.DiscoveryException;
import io.autopilot.discovery.DiscoveryException.Kind;
import io.autopilot.discovery.DiscoveryStats.Failure;
import io.autopilot.discovery.DiscoveryStats.Operation;
import io.autopilot.discovery.KeyQuery;
import io.autopilot.discovery.WatchListener;
import io.autopilot.testing.consul.ConsulAgent;
import io.autopilot.testing.consul.RealConsul;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client counts its calls, and those that failed, against a real Consul. */
@RealConsul
class CallCountsTest {
    @RegisterExtension
    final Clients clients = new Clients();


    @Test
    void aCallIsCountedAndAFailedOneAsAnErrorOfItsKind(ConsulAgent consul) {
        var discovery = clients.to(consul);

        Await.result(discovery.register(web("web-counted")));
        assertThat(Await.failure(discovery.updateCheck("never-registered", CheckStatus.PASSING, "")))
                .isInstanceOf(DiscoveryException.class);

        var stats = discovery.stats();
        assertThat(stats.requests()).containsEntry(Operation.REGISTER, 1L).containsEntry(Operation.CHECK, 1L)
                .containsEntry(Operation.DEREGISTER, 0L);
        assertThat(stats.errors()).containsExactly(Map.entry(new Failure(Operation.CHECK, Kind.INVALID), 1L));
    }

    @Test
    void aWatchCountsEachQueryAndEachQueryConsulRejects(ConsulAgent consul) {
        var discovery = clients.to(consul);

        discovery.watchKeys(new KeyQuery("counted", false, Optional.of("no-such-dc"),
                Duration.ofMillis(100)), WatchListener.of(result -> { }, error -> { }));
        Await.until("a rejected watch query to be counted", () -> discovery.stats().errors()
                .getOrDefault(new Failure(Operation.WATCH, Kind.REJECTED), 0L) > 0);

        assertThat(discovery.stats().requests().get(Operation.WATCH)).isPositive();
    }
}
