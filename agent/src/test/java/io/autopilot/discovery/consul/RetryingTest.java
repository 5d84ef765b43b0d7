package io.autopilot.discovery.consul;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.discovery.DiscoveryException;
import io.autopilot.discovery.DiscoveryException.Kind;
import io.autopilot.retry.Backoff;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The pauses between attempts while Consul is unreachable: one streak for every call, ended by any answer. */
class RetryingTest {
    private static final Future<String> UNREACHABLE = Future.failedFuture(
            new DiscoveryException(Kind.UNREACHABLE, "http://127.0.0.1:8500 is unreachable"));

    private final List<Long> pauses = new ArrayList<>();
    private final Queue<Runnable> waiting = new ArrayDeque<>();
    // Half of each ceiling: 500 ms, 1 s, 2 s, ... up to 15 s.
    private final Retrying retrying = new Retrying((millis, then) -> {
        pauses.add(millis);
        waiting.add(then);
    }, new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30)), () -> 0.5, () -> false);

    @Test
    void aCallThatReplacesOneStillRetryingGoesOnFromItsPausesInsteadOfStartingAgain() {
        AtomicBoolean firstWanted = new AtomicBoolean(true);
        retrying.call(() -> UNREACHABLE, firstWanted::get);
        waiting.remove().run();
        waiting.remove().run();
        assertThat(pauses).containsExactly(500L, 1000L, 2000L);

        firstWanted.set(false); // a newer check update of the same service supersedes it
        retrying.call(() -> UNREACHABLE, () -> true);

        assertThat(pauses).as("the newer call's first pause follows the streak").containsExactly(500L, 1000L, 2000L,
                4000L);
    }

    @Test
    void anyAnswerOfConsulsEndsTheStreak() {
        retrying.call(() -> UNREACHABLE, () -> false);
        retrying.call(() -> UNREACHABLE, () -> false);
        retrying.call(() -> Future.succeededFuture("ok"), () -> true);
        retrying.call(() -> UNREACHABLE, () -> true);
        Future<String> refused = retrying.call(() -> Future.failedFuture(
                new DiscoveryException(Kind.REJECTED, "403 ACL not found")), () -> true);
        retrying.call(() -> UNREACHABLE, () -> true);

        assertThat(refused.failed()).as("an answer other than success is not retried").isTrue();
        assertThat(pauses).as("after a success and after a refusal the streak starts again").containsExactly(500L,
                500L);
    }
}
