package io.autopilot.discovery.consul;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The index rules of blocking queries, and the retry pacing. */
class BlockingQueryTest {
    @Test
    void theReturnedIndexIsTheNextOneToWaitOn() {
        assertThat(BlockingQuery.nextIndex(10, 12)).isEqualTo(12);
        assertThat(BlockingQuery.nextIndex(10, 10)).isEqualTo(10);
    }

    @Test
    void anIndexThatGoesBackwardsIsResetSoTheNextQueryFetchesAfresh() {
        assertThat(BlockingQuery.nextIndex(10, 3)).isZero();
    }

    @Test
    void anIndexOfZeroIsTakenAsOneBecauseIndexZeroNeverBlocks() {
        assertThat(BlockingQuery.nextIndex(0, 0)).isEqualTo(1);
    }

    @Test
    void backoffDoublesUpToItsCapAndAWatchCapsItAtItsRetryInterval() {
        var backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30));

        assertThat(backoff.delay(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.delay(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.delay(100)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.cappedAt(Duration.ofMillis(250)).delay(3)).isEqualTo(Duration.ofMillis(250));
        assertThat(backoff.cappedAt(Duration.ofMillis(50)).delay(1)).isEqualTo(Duration.ofMillis(50));
    }
}
