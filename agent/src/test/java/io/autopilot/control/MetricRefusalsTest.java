package io.autopilot.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.testing.RecordingLog;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MetricRefusalsTest {
    private final RecordingLog log = new RecordingLog();
    private final AtomicLong now = new AtomicLong();
    private final MetricRefusals refusals = new MetricRefusals(log, now::get);

    private void after(Duration time) {
        now.addAndGet(time.toNanos());
    }

    @Test
    void aClientLoopingOnABadValueGetsOneLineAMinuteThatCountsTheRest() {
        for (int i = 0; i < 1000; i++) {
            refusals.refused("hits", "metric hits: a counter only grows: -1.0 is negative");
            after(Duration.ofMillis(10));
        }
        after(Duration.ofSeconds(51));
        refusals.refused("hits", "metric hits: a counter only grows: -2.0 is negative");
        refusals.refused("hits", "metric hits: a counter only grows: -3.0 is negative");

        assertThat(log.leveled()).containsExactly(
                "WARN control: /v3/metric refused: metric hits: a counter only grows: -1.0 is negative",
                "WARN control: /v3/metric refused: metric hits: a counter only grows: -2.0 is negative"
                        + " (999 more were refused since the last such line)");
    }

    @Test
    void anotherMetricsFirstRefusalIsLoggedWhileOneIsQuiet() {
        refusals.refused("hits", "metric hits: a counter only grows: -1.0 is negative");
        refusals.refused("hits", "metric hits: a counter only grows: -1.0 is negative");
        refusals.refused("load", "the value of metric load is not a number: \"high\"");

        assertThat(log.leveled()).containsExactly(
                "WARN control: /v3/metric refused: metric hits: a counter only grows: -1.0 is negative",
                "WARN control: /v3/metric refused: the value of metric load is not a number: \"high\"");
    }

    @Test
    void namesBeyondTheLimitShareOneCountSoNoClientCanGrowIt() {
        for (int i = 0; i <= MetricRefusals.MAX_METRICS + 50; i++) {
            refusals.refused("m" + i, "the value of metric m" + i + " is not a number: \"x\"");
        }
        assertThat(log.leveled()).hasSize(MetricRefusals.MAX_METRICS + 1)
                .last().isEqualTo("WARN control: /v3/metric refused: the value of metric m100 is not a number: \"x\"");

        after(MetricRefusals.QUIET);
        refusals.refused("m200", "the value of metric m200 is not a number: \"x\"");
        assertThat(log.leveled()).last().isEqualTo("WARN control: /v3/metric refused: the value of metric m200 is not a"
                + " number: \"x\"");
    }
}
