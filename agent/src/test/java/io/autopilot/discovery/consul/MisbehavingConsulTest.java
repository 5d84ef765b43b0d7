package io.autopilot.discovery.consul;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.discovery.ConsulConfig;
import io.autopilot.discovery.DiscoveryException.Kind;
import io.autopilot.discovery.ServiceInstance;
import io.autopilot.discovery.ServiceQuery;
import io.autopilot.discovery.Subscription;
import io.autopilot.discovery.TlsConfig;
import io.autopilot.logging.LoggingConfig.Level;
import io.autopilot.testing.Eventually;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Answers a real Consul does not give on demand, from a server standing in for it that counts the requests: an
 * answer that does not block must not be asked again at once, or one watch becomes thousands of requests a second.
 */
class MisbehavingConsulTest {
    private static final Duration RETRY = Duration.ofSeconds(1);
    private static final Duration WINDOW = Duration.ofSeconds(2);
    /** One query per {@link BlockingQuery#MIN_INTERVAL} at most, and one more for the edges of the window. */
    private static final int MOST_IN_WINDOW = (int) (WINDOW.toMillis() / BlockingQuery.MIN_INTERVAL.toMillis()) + 2;
    @RegisterExtension
    final Clients clients = new Clients();

    /** Before: 2,272 requests in 3 s. Each answer's index is below the one asked for, so each resets the index. */
    @Test
    void aConsulWhoseIndexGoesBackwardsIsNotAskedAgainAtOnce() {
        AtomicInteger requests = new AtomicInteger();
        try (var consul = FakeConsul.answering(clients.vertx, request -> {
            requests.incrementAndGet();
            long asked = index(request);
            request.response().putHeader("X-Consul-Index", Long.toString(asked == 0 ? 1000 : asked - 1)).end("[]");
        })) {
            Subscription watch = watch(consul, new WatchRecorder<>());

            assertAtMostOneQueryPerMinimumInterval(requests);
            watch.cancel();
        }
    }

    /** Before: 7,683 requests in 3 s. Without the header there is no index to wait on. */
    @Test
    void aConsulThatSendsNoIndexIsNotAskedAgainAtOnceAndTheReasonIsLoggedOnce() {
        AtomicInteger requests = new AtomicInteger();
        try (var consul = FakeConsul.answering(clients.vertx, request -> {
            requests.incrementAndGet();
            request.response().end("[]");
        })) {
            var recorder = new WatchRecorder<List<ServiceInstance>>();
            Subscription watch = watch(consul, recorder);

            assertAtMostOneQueryPerMinimumInterval(requests);
            watch.cancel();
            assertThat(recorder.all()).containsExactly(List.of());
            assertThat(clients.log.messages(Level.WARN)).filteredOn(line -> line.contains("no X-Consul-Index"))
                    .hasSize(1);
        }
    }

    /**
     * Beyond the limits, the answer is an error the watch reports, and it waits on the answer's index for the data to
     * change: asking again at once would fetch the same answer.
     */
    @Test
    void anAnswerWithMoreEntriesThanTheAgentKeepsIsReportedAndTheWatchWaitsForAChange() {
        AtomicInteger requests = new AtomicInteger();
        String tooMany = "[" + String.join(",", java.util.Collections.nCopies(JsonArrayReader.MAX_ENTRIES + 1, "{}"))
                + "]";
        try (var consul = FakeConsul.answering(clients.vertx, request -> {
            requests.incrementAndGet();
            if (index(request) == 0) {
                request.response().putHeader("X-Consul-Index", "5").end(tooMany);
            } // else: blocks, as Consul does while nothing changes
        })) {
            var recorder = new WatchRecorder<List<ServiceInstance>>();
            watch(consul, recorder);

            Eventually.until(() -> !recorder.errors().isEmpty(), () -> "the answer reported as an error");
            assertThat(recorder.errors().getFirst().kind()).isEqualTo(Kind.REJECTED);
            assertThat(recorder.errors().getFirst()).hasMessageContaining("more than 10000 entries");
            Eventually.until(() -> requests.get() == 2, () -> "the next query, on index 5");
            Eventually.holdsFor(Duration.ofSeconds(1), () -> requests.get() == 2, () -> "no query but the blocked"
                    + " one: " + requests.get());
            assertThat(recorder.all()).isEmpty();
        }
    }

    private Subscription watch(FakeConsul consul, WatchRecorder<List<ServiceInstance>> recorder) {
        var config = new ConsulConfig(Optional.of("127.0.0.1:" + consul.port()), Optional.empty(), Optional.empty(),
                TlsConfig.DEFAULT);
        return clients.to(ConsulEndpoint.resolve(config, Map.of()), Clients.FAST, state -> { })
                .watchService(ServiceQuery.of("web", RETRY), recorder);
    }

    private static void assertAtMostOneQueryPerMinimumInterval(AtomicInteger requests) {
        Eventually.until(() -> requests.get() >= 3, () -> "the watch querying");
        int before = requests.get();
        Eventually.holdsFor(WINDOW, () -> requests.get() - before <= MOST_IN_WINDOW,
                () -> (requests.get() - before) + " requests in " + WINDOW.toMillis() + " ms");
    }

    private static long index(HttpServerRequest request) {
        String index = request.getParam("index");
        return index == null ? 0 : Long.parseLong(index);
    }
}
