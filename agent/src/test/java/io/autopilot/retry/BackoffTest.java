package io.autopilot.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final Backoff CONSUL = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    @Test
    void theCeilingDoublesFromInitialUpToMax() {
        assertThat(IntStream.rangeClosed(1, 7).mapToObj(CONSUL::ceiling).map(Duration::toSeconds))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L);
        assertThat(CONSUL.ceiling(1_000_000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void eachDelayIsDrawnFromZeroToTheCeiling() {
        assertThat(CONSUL.delay(3, () -> 0.0)).isZero();
        assertThat(CONSUL.delay(3, () -> 0.25)).isEqualTo(Duration.ofSeconds(1));
        assertThat(CONSUL.delay(3, () -> 0.999_999).toMillis()).isEqualTo(3_999);
        assertThat(CONSUL.delay(50, () -> 0.5)).isEqualTo(Duration.ofSeconds(15));
    }

    /** After a shared outage, a fleet's retries spread over the window instead of landing on the same instants. */
    @Test
    void agentsThatFailedTogetherRetryAtTimesSpreadOverTheWindow() {
        var random = new SplittableRandom(7);
        List<Long> firstRetries = new ArrayList<>();
        for (int agent = 0; agent < 1000; agent++) {
            firstRetries.add(CONSUL.delay(5, random::nextDouble).toMillis());
        }

        long[] perSecond = new long[16];
        firstRetries.forEach(millis -> perSecond[(int) (millis / 1000)]++);
        assertThat(firstRetries.stream().distinct().count()).isGreaterThan(900);
        assertThat(Arrays.stream(perSecond).boxed().toList()).allSatisfy(count -> assertThat(count).isBetween(30L, 100L));
    }

    @Test
    void aWatchCapsTheCeilingAtItsRetryInterval() {
        assertThat(CONSUL.cappedAt(Duration.ofMillis(250)).ceiling(3)).isEqualTo(Duration.ofMillis(250));
        assertThat(CONSUL.cappedAt(Duration.ofMillis(250)).delay(1, () -> 0.5)).isEqualTo(Duration.ofMillis(125));
    }

    @Test
    void zeroMeansNoPauseAndABackwardsRangeIsRefused() {
        assertThat(new Backoff(Duration.ZERO, Duration.ZERO).delay(5, () -> 0.9)).isZero();
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("0 <= initial <= max");
    }
}
