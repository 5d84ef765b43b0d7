package io.autopilot.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RestartBackoffTest {
    private static final BackoffConfig CONFIG =
            new BackoffConfig(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(60));
    private static final Duration SHORT_RUN = Duration.ofMillis(5);

    @Test
    void theCeilingDoublesFromInitialUpToMaxAndEachDelayIsDrawnBelowIt() {
        var backoff = new RestartBackoff(CONFIG, () -> 0.5);
        assertThat(Stream.generate(() -> backoff.next(SHORT_RUN)).limit(7).map(Duration::toMillis))
                .containsExactly(50L, 100L, 200L, 400L, 500L, 500L, 500L);
    }

    @Test
    void theDrawSpansTheWholeWindowFromZeroToTheCeiling() {
        assertThat(new RestartBackoff(CONFIG, () -> 0.0).next(SHORT_RUN)).isZero();
        assertThat(new RestartBackoff(CONFIG, () -> 0.999_999).next(SHORT_RUN).toMillis()).isEqualTo(99);
        var capped = new RestartBackoff(CONFIG, () -> 0.999_999);
        Stream.generate(() -> capped.next(SHORT_RUN)).limit(6).forEach(delay -> { });
        assertThat(capped.next(SHORT_RUN).toMillis()).isEqualTo(999);
    }

    @Test
    void aRunThatStayedUpForResetAfterStartsTheSequenceOver() {
        var backoff = new RestartBackoff(CONFIG, () -> 0.5);
        backoff.next(SHORT_RUN);
        backoff.next(SHORT_RUN);
        assertThat(backoff.next(SHORT_RUN)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.next(Duration.ofSeconds(60))).isEqualTo(Duration.ofMillis(50));
        assertThat(backoff.next(SHORT_RUN)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void aZeroInitialDelayRestartsAtOnceAsContainerPilotDid() {
        var backoff = new RestartBackoff(new BackoffConfig(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(60)),
                () -> 0.5);
        assertThat(Stream.generate(() -> backoff.next(SHORT_RUN)).limit(3)).containsOnly(Duration.ZERO);
    }
}
