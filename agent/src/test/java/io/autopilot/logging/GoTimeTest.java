package io.autopilot.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** Go's RFC3339 layouts, as ContainerPilot's log lines carry them. */
class GoTimeTest {

    private static String nano(String time) {
        StringBuilder out = new StringBuilder();
        GoTime.rfc3339Nano(out, OffsetDateTime.parse(time));
        return out.toString();
    }

    private static String seconds(String time) {
        StringBuilder out = new StringBuilder();
        GoTime.rfc3339(out, OffsetDateTime.parse(time));
        return out.toString();
    }

    @Test
    void nanoTrimsTrailingZerosOfTheFraction() {
        assertThat(nano("2018-05-02T10:00:00.120Z")).isEqualTo("2018-05-02T10:00:00.12Z");
        assertThat(nano("2018-05-02T10:00:00.000000001Z")).isEqualTo("2018-05-02T10:00:00.000000001Z");
        assertThat(nano("2018-05-02T10:00:00.123456789Z")).isEqualTo("2018-05-02T10:00:00.123456789Z");
    }

    @Test
    void nanoDropsTheDotWhenTheFractionIsZero() {
        assertThat(nano("2018-05-02T10:00:00Z")).isEqualTo("2018-05-02T10:00:00Z");
    }

    @Test
    void aNonZeroOffsetIsWrittenAsHoursAndMinutes() {
        assertThat(nano("2018-01-09T03:04:05.5+05:30")).isEqualTo("2018-01-09T03:04:05.5+05:30");
        assertThat(nano("2018-01-09T03:04:05-08:00")).isEqualTo("2018-01-09T03:04:05-08:00");
    }

    @Test
    void rfc3339HasWholeSecondsOnly() {
        assertThat(seconds("2018-05-02T10:00:00.999Z")).isEqualTo("2018-05-02T10:00:00Z");
        assertThat(seconds("0999-12-31T23:59:59+01:00")).isEqualTo("0999-12-31T23:59:59+01:00");
    }
}
