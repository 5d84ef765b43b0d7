package io.autopilot.discovery.consul;

import static io.autopilot.discovery.consul.Clients.web;
import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.discovery.ServiceInstance;
import io.autopilot.discovery.ServiceQuery;
import io.autopilot.testing.consul.ConsulAgent;
import io.autopilot.testing.consul.TestConsul;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The three-server fixture: it elects a leader, and what one server is told the others serve. */
class ClusterTest {
    @Test
    void aServiceRegisteredOnOneServerIsWatchedThroughAnother() {
        try (var cluster = TestConsul.cluster(); var clients = new Clients()) {
            ConsulAgent leader = cluster.leader();
            ConsulAgent follower = cluster.servers().stream().filter(s -> s != leader).findFirst().orElseThrow();
            assertThat(cluster.servers()).hasSize(3);

            Await.result(clients.to(leader).register(web("web-clustered")));
            var recorder = new WatchRecorder<List<ServiceInstance>>();
            clients.to(follower).watchService(ServiceQuery.of("web", Duration.ofSeconds(1)), recorder);

            assertThat(recorder.next()).extracting(ServiceInstance::id, ServiceInstance::node)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("web-clustered", leader.node()));
        }
    }
}
