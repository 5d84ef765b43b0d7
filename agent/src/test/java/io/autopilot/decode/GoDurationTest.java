package io.autopilot.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {
    @Test
    void bareWholeNumbersAreSeconds() {
        assertThat(GoDuration.parse("5")).isEqualTo(Duration.ofSeconds(5));
        assertThat(GoDuration.parse(" 10 ")).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void goUnitsAndCompoundsParse() {
        assertThat(GoDuration.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(GoDuration.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(GoDuration.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GoDuration.parse("2us")).isEqualTo(Duration.ofNanos(2000));
        assertThat(GoDuration.parse("-3s")).isEqualTo(Duration.ofSeconds(-3));
        assertThat(GoDuration.parse("0")).isEqualTo(Duration.ZERO);
    }

    @Test
    void aFractionWithoutUnitIsRejectedWithAReason() {
        assertThatThrownBy(() -> GoDuration.parse("1.5")).hasMessageContaining("has no unit");
        assertThatThrownBy(() -> GoDuration.parse("10 minutes")).hasMessageContaining("contains a space");
        assertThatThrownBy(() -> GoDuration.parse("10min")).hasMessageContaining("unknown unit \"min\"");
        assertThatThrownBy(() -> GoDuration.parse("")).hasMessageContaining("empty");
    }

    @Test
    void formatsAsGoDoes() {
        assertThat(GoDuration.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(GoDuration.format(Duration.ofMillis(500))).isEqualTo("500ms");
        assertThat(GoDuration.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(GoDuration.format(Duration.ofHours(2))).isEqualTo("2h0m0s");
        assertThat(GoDuration.format(Duration.ZERO)).isEqualTo("0s");
    }
}
