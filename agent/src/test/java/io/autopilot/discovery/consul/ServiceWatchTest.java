package io.autopilot.discovery.consul;

import static io.autopilot.discovery.consul.Clients.web;
import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.discovery.DiscoveryException;
import io.autopilot.discovery.DiscoveryException.Kind;
import io.autopilot.discovery.DiscoveryStats.Failure;
import io.autopilot.discovery.DiscoveryStats.Operation;
import io.autopilot.discovery.ServiceInstance;
import io.autopilot.discovery.ServiceQuery;
import io.autopilot.discovery.ServiceRegistration;
import io.autopilot.discovery.WatchListener;
import io.autopilot.testing.consul.ConsulAgent;
import io.autopilot.testing.consul.RealConsul;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Service watches as blocking queries on a real Consul: what is delivered, and what is not. */
@RealConsul
class ServiceWatchTest {
    private static final Duration RETRY = Duration.ofSeconds(1);
    @RegisterExtension
    final Clients clients = new Clients();


    @Test
    void theFirstResultIsDeliveredEvenWithoutInstances(ConsulAgent consul) {
        var recorder = new WatchRecorder<List<ServiceInstance>>();

        clients.to(consul).watchService(ServiceQuery.of("nobody", RETRY), recorder);

        assertThat(recorder.next()).isEmpty();
    }

    @Test
    void closingTheClientDuringABlockingQueryIsNotConsulBecomingUnreachable(ConsulAgent consul) {
        List<Reachability> states = new java.util.concurrent.CopyOnWriteArrayList<>();
        var discovery = clients.to(consul, Clients.FAST, java.util.Optional.empty(), states::add);
        var recorder = new WatchRecorder<List<ServiceInstance>>();
        discovery.watchService(ServiceQuery.of("blocked", RETRY), recorder);
        assertThat(recorder.next()).isEmpty(); // the next query now waits in Consul for a change

        Await.result(discovery.close());

        io.autopilot.testing.Eventually.holdsFor(Duration.ofSeconds(1), () -> states.isEmpty()
                && clients.log.messages.stream().noneMatch(line -> line.contains("unreachable")),
                () -> "reachability changes: " + states + "; log: " + clients.log.messages);
    }

    @Test
    void anInstanceBecomingHealthyAndLeavingIsDeliveredAsItHappens(ConsulAgent consul) {
        var discovery = clients.to(consul);
        var recorder = new WatchRecorder<List<ServiceInstance>>();
        discovery.watchService(ServiceQuery.of("db", RETRY), recorder);
        assertThat(recorder.next()).isEmpty();

        Await.result(discovery.register(ServiceRegistration.of("db-1", "db", "10.0.0.7", 5432, Duration.ofMinutes(1))
                .withTags(List.of("primary")).withMeta(Map.of("zone", "a"))));

        assertThat(recorder.next()).containsExactly(new ServiceInstance("db-1", consul.node(), "10.0.0.7", 5432,
                List.of("primary"), Map.of("zone", "a")));
        Await.result(discovery.fail("db-1", "down"));
        assertThat(recorder.next()).isEmpty();
    }

    @Test
    void aBlockingQueryThatTimesOutWithTheSameDataDeliversNothing(ConsulAgent consul) {
        var discovery = clients.to(consul);
        Await.result(discovery.register(web("web-quiet")));
        var recorder = new WatchRecorder<List<ServiceInstance>>();

        discovery.watchService(ServiceQuery.of("web", RETRY), recorder);
        assertThat(recorder.next()).extracting(ServiceInstance::id).containsExactly("web-quiet");
        Await.until("two blocking queries to time out unchanged",
                () -> clients.log.count("/v1/health/service/web answered") >= 2);

        assertThat(recorder.all()).hasSize(1);
    }

    @Test
    void aTagFilterDeliversOnlyInstancesWithTheTag(ConsulAgent consul) {
        var discovery = clients.to(consul);
        Await.result(discovery.register(web("cache-blue").withTags(List.of("blue"))));
        Await.result(discovery.register(web("cache-green").withTags(List.of("green"))));
        var recorder = new WatchRecorder<List<ServiceInstance>>();

        discovery.watchService(ServiceQuery.of("web", RETRY).withTag("blue"), recorder);

        assertThat(recorder.next()).extracting(ServiceInstance::id).containsExactly("cache-blue");
    }

    @Test
    void aChangedMetaValueIsAChange(ConsulAgent consul) {
        var discovery = clients.to(consul);
        var v1 = ServiceRegistration.of("queue-1", "queue", "127.0.0.1", 5672, Duration.ofMinutes(1))
                .withMeta(Map.of("version", "1"));
        Await.result(discovery.register(v1));
        var recorder = new WatchRecorder<List<ServiceInstance>>();
        discovery.watchService(ServiceQuery.of("queue", RETRY), recorder);
        assertThat(recorder.next()).extracting(ServiceInstance::meta).containsExactly(Map.of("version", "1"));

        Await.result(discovery.register(v1.withMeta(Map.of("version", "2"))));

        assertThat(recorder.next()).extracting(ServiceInstance::meta).containsExactly(Map.of("version", "2"));
    }

    @Test
    void anUnknownDatacenterIsAnErrorTheWatchKeepsRetrying(ConsulAgent consul) {
        var recorder = new WatchRecorder<List<ServiceInstance>>();

        clients.to(consul).watchService(ServiceQuery.of("web", RETRY).withDatacenter("mars"), recorder);

        Await.until("two failed queries", () -> recorder.errors().size() >= 2);
        assertThat(recorder.errors().getFirst()).hasMessageContaining("No path to datacenter");
        assertThat(recorder.all()).isEmpty();
    }

    /** The loop once caught only RuntimeException: an Error ended it, and the watch never queried again. */
    @Test
    void aListenerThatThrowsAnErrorIsReportedAndGivenTheResultAgain(ConsulAgent consul) {
        var discovery = clients.to(consul);
        var recorder = new WatchRecorder<List<ServiceInstance>>();
        AtomicInteger calls = new AtomicInteger();

        discovery.watchService(ServiceQuery.of("fragile", RETRY), failingOnce(recorder, calls,
                () -> new StackOverflowError("deep")));

        assertThat(recorder.next()).as("the result delivered again").isEmpty();
        assertThat(calls).as("the failed call, then the one that took the result").hasValue(2);
        assertThat(recorder.errors()).singleElement().satisfies(error -> {
            assertThat(error.kind()).isEqualTo(Kind.INTERNAL);
            assertThat(error).hasMessageContaining("StackOverflowError");
        });
        assertThat(discovery.stats().errors()).containsEntry(new Failure(Operation.WATCH, Kind.INTERNAL), 1L);
        consul.api().registerTtlService("fragile-1", "fragile", 80, "passing");
        assertThat(recorder.next()).extracting(ServiceInstance::id).containsExactly("fragile-1");
    }

    @Test
    void anOutOfMemoryErrorGoesToTheFatalHandlerAndTheWatchGoesOn(ConsulAgent consul) {
        List<Throwable> fatal = new CopyOnWriteArrayList<>();
        var discovery = clients.to(consul, fatal::add);
        var recorder = new WatchRecorder<List<ServiceInstance>>();
        AtomicInteger calls = new AtomicInteger();

        discovery.watchService(ServiceQuery.of("starved", RETRY), failingOnce(recorder, calls,
                () -> new OutOfMemoryError("Java heap space")));

        assertThat(recorder.next()).isEmpty();
        assertThat(fatal).singleElement().isInstanceOf(OutOfMemoryError.class);
        consul.api().registerTtlService("starved-1", "starved", 80, "passing");
        assertThat(recorder.next()).extracting(ServiceInstance::id).containsExactly("starved-1");
    }

    /** Passes everything to {@code recorder}, but throws {@code error} instead of taking the first result. */
    private static WatchListener<List<ServiceInstance>> failingOnce(WatchRecorder<List<ServiceInstance>> recorder,
            AtomicInteger calls, java.util.function.Supplier<Error> error) {
        return new WatchListener<>() {
            @Override
            public void onResult(List<ServiceInstance> result) {
                if (calls.getAndIncrement() == 0) {
                    throw error.get();
                }
                recorder.onResult(result);
            }

            @Override
            public void onError(DiscoveryException failure) {
                recorder.onError(failure);
            }
        };
    }

    /**
     * Vert.x's ConsulClient shares five pooled connections between blocking queries and everything else: with more
     * watches than that, a TTL update waits for a blocking query to end and the service goes critical.
     */
    @Test
    void checkUpdatesGoThroughWhileManyWatchesHoldBlockingQueries(ConsulAgent consul) {
        var settings = new ConsulSettings(Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofMillis(50),
                Duration.ofMillis(200));
        var discovery = clients.to(consul, settings, Optional.empty(), state -> { });
        Await.result(discovery.register(web("web-busy")));
        List<WatchRecorder<List<ServiceInstance>>> recorders = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            var recorder = new WatchRecorder<List<ServiceInstance>>();
            discovery.watchService(ServiceQuery.of("idle-" + i, RETRY), recorder);
            recorders.add(recorder);
        }
        recorders.forEach(WatchRecorder::next);

        Await.result(discovery.warn("web-busy", "under load"));

        assertThat(consul.api().agentCheck("service:web-busy").orElseThrow().getString("Output"))
                .isEqualTo("under load");
    }
}
