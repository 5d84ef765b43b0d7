package io.autopilot.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Sequences of check results and the health after each, written as P (pass), F (fail) and ? (unknown). */
class CheckThresholdTest {

    private static String healthAfter(Thresholds thresholds, String results) {
        var threshold = new CheckThreshold(thresholds);
        List<String> health = new ArrayList<>();
        for (char result : results.toCharArray()) {
            Optional<CheckResult> after = threshold.record(new CheckResult(result == 'P', "run " + health.size()));
            health.add(after.map(h -> h.passing() ? "P" : "F").orElse("?"));
        }
        return String.join("", health);
    }

    @Test
    void withoutThresholdsTheHealthIsTheLatestResult() {
        assertThat(healthAfter(Thresholds.AT_ONCE, "PFPFFP")).isEqualTo("PFPFFP");
        assertThat(healthAfter(new Thresholds(1, 1), "PFPFFP")).as("1 means at once too, as in Consul")
                .isEqualTo("PFPFFP");
    }

    @Test
    void failuresBeforeCriticalToleratesShortRunsOfFailures() {
        assertThat(healthAfter(new Thresholds(0, 3), "PFFPFFFPF")).isEqualTo("PPPPPPFPP");
    }

    @Test
    void successBeforePassingWaitsForARunOfPasses() {
        assertThat(healthAfter(new Thresholds(2, 0), "FPFPPFP")).isEqualTo("FFFFPFF");
    }

    @Test
    void theHealthLeavesUnknownByTheSameRule() {
        assertThat(healthAfter(new Thresholds(3, 2), "PPFFPPP")).isEqualTo("???FFFP");
        assertThat(healthAfter(new Thresholds(3, 2), "PPP")).isEqualTo("??P");
        assertThat(healthAfter(new Thresholds(3, 2), "F")).isEqualTo("?");
    }

    @Test
    void anUnhealthyJobReportsItsLatestFailureWhileARecoveryIsCounted() {
        var threshold = new CheckThreshold(new Thresholds(3, 0));
        threshold.record(new CheckResult(false, "first"));
        threshold.record(new CheckResult(false, "second"));

        assertThat(threshold.record(new CheckResult(true, "ok"))).contains(new CheckResult(false, "second"));
    }

    @Test
    void resetForgetsTheHealthAndTheCounts() {
        var threshold = new CheckThreshold(new Thresholds(2, 2));
        threshold.record(new CheckResult(true, ""));
        threshold.record(new CheckResult(true, ""));
        threshold.reset();

        assertThat(threshold.record(new CheckResult(true, ""))).isEmpty();
    }
}
