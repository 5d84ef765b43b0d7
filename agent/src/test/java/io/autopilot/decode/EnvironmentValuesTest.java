package io.autopilot.decode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which text of a message is hidden as coming from the environment, and which is left as the message wrote it. */
class EnvironmentValuesTest {
    private static final Origin LINE_3 = Origin.of("app.json5", 3, 7);
    private static final Origin LINE_9 = Origin.of("app.json5", 9, 0);

    private static EnvironmentValues values(String value, int line) {
        EnvironmentValues values = new EnvironmentValues("app.json5");
        values.add(value, line);
        return values;
    }

    @Test
    void aLongValueIsHiddenOnEveryLineAndEscapedAsWell() {
        EnvironmentValues values = values("pa\"ss-word", 3);
        assertThat(values.hide("not \"pa\\\"ss-word\" nor pa\"ss-word", LINE_9))
                .isEqualTo("not \"<from the environment>\" nor <from the environment>");
    }

    @Test
    void aShortValueAndThePartsOfAValueAreHiddenOnlyOnTheirOwnLine() {
        assertThat(values("true", 3).hide("must be true or false, not \"true\"", LINE_9))
                .isEqualTo("must be true or false, not \"true\"");
        assertThat(values("ab1", 3).hide("\"ab1\" is not a number", LINE_3))
                .isEqualTo("\"<from the environment>\" is not a number");
        assertThat(values("user:80x", 3).hide("\"80x\" is not a port, nor is 80xy", LINE_3))
                .as("a part is hidden where it stands alone").isEqualTo("\"<from the environment>\" is not a port,"
                        + " nor is 80xy");
        assertThat(values("a", 3).hide("a b c", LINE_3)).as("one character is never hidden").isEqualTo("a b c");
    }

    @Test
    void aValueOfAnUnknownLineCountsAsOnEveryLine() {
        assertThat(values("ab1", 0).hide("\"ab1\" is not a number", LINE_9))
                .isEqualTo("\"<from the environment>\" is not a number");
    }

    @Test
    void aValueInsideALongerOneGoesWithItAndTheMarkerAndTheFileNameStay() {
        EnvironmentValues values = values("environment", 3);
        values.add("environment-and-more", 3);
        values.add("app.json5", 3);
        assertThat(values.hide("<from the environment> environment-and-more in app.json5", LINE_3))
                .isEqualTo("<from the environment> <from the environment> in app.json5");
    }

    @Test
    void aProblemIsHiddenInItsPathAndItsMessageButKeepsItsOrigin() {
        Problem problem = new Problem("jobs[0] (name \"secret-name\")", "\"secret-name\" is taken", LINE_9);
        assertThat(values("secret-name", 3).hide(problem)).isEqualTo(new Problem(
                "jobs[0] (name \"<from the environment>\")", "\"<from the environment>\" is taken", LINE_9));
    }
}
