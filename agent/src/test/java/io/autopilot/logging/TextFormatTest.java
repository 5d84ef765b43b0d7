package io.autopilot.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.logging.LoggingConfig.Format;
import io.autopilot.logging.LoggingConfig.Level;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code format: "text"}: logrus's TextFormatter, quoting only when needed. */
class TextFormatTest {
    private final CapturedStreams captured = new CapturedStreams();
    private final AgentLog log = captured.log(Level.DEBUG, Format.TEXT);

    /** The {@code msg} value alone, as rendered for a fresh log. */
    private static String line(String message) {
        CapturedStreams fresh = new CapturedStreams();
        fresh.log(Level.INFO, Format.TEXT).info(message);
        String out = fresh.stdout();
        return out.substring(out.indexOf(" msg=") + 5, out.length() - 1);
    }

    @Test
    void writesTimeInWholeSecondsThenLevelThenMessageThenSortedFields() {
        log.with("pid", "12").with("job", "app").log(Level.INFO, "job1 exec", Map.of());

        assertThat(captured.stdout())
                .isEqualTo("time=\"2018-05-02T10:00:00Z\" level=info msg=\"job1 exec\" job=app pid=12\n");
    }

    @Test
    void namesEachLevelAsLogrusDoes() {
        log.debug("a");
        log.info("b");
        log.warn("c");
        log.error("d");

        assertThat(captured.stdout().lines().map(l -> l.split(" ")[1]))
                .containsExactly("level=debug", "level=info", "level=warning", "level=error");
    }

    @Test
    void leavesSafeValuesBareAndQuotesTheRest() {
        assertThat(line("hello")).isEqualTo("hello");
        assertThat(line("a-b.c_d/e@f^g+h9")).isEqualTo("a-b.c_d/e@f^g+h9");
        assertThat(line("job1:")).isEqualTo("\"job1:\"");
        assertThat(line("'on-sighup job fired on SIGHUP"))
                .isEqualTo("\"'on-sighup job fired on SIGHUP\"");
    }

    @Test
    void escapesQuotesBackslashesAndControlCharactersAsGoQuoteDoes() {
        assertThat(line("say \"hi\" \\ ok")).isEqualTo("\"say \\\"hi\\\" \\\\ ok\"");
        assertThat(line("a\nb\rc\td\u0007\b\f\u000b")).isEqualTo("\"a\\nb\\rc\\td\\a\\b\\f\\v\"");
        assertThat(line("nul\u0000 esc\u001b del\u007f")).isEqualTo("\"nul\\x00 esc\\x1b del\\x7f\"");
    }

    @Test
    void keepsPrintableUnicodeAndEscapesInvisibleCharacters() {
        assertThat(line("café ☃ 日本 😀")).isEqualTo("\"café ☃ 日本 😀\"");
        assertThat(line("nbsp\u00a0zwsp\u200bls\u2028")).isEqualTo("\"nbsp\\u00a0zwsp\\u200bls\\u2028\"");
        assertThat(line("tag\udb40\udc01")).isEqualTo("\"tag\\U000e0001\"");
    }

    @Test
    void omitsAnEmptyMessageAndLeavesEmptyFieldsBare() {
        log.with("job", "").info("");

        assertThat(captured.stdout()).isEqualTo("time=\"2018-05-02T10:00:00Z\" level=info job=\n");
    }

    @Test
    void keepsAFieldNamedLikeABuiltInKeyUnderAFieldsPrefix() {
        log.with("level", "x").info("m");

        assertThat(captured.stdout()).isEqualTo("time=\"2018-05-02T10:00:00Z\" level=info msg=m fields.level=x\n");
    }
}
