package io.autopilot.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.logging.LoggingConfig.Format;
import io.autopilot.logging.LoggingConfig.Level;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code format: "json"}: logrus's JSONFormatter with RFC3339Nano times, as Go's encoder writes it. */
class JsonFormatTest {
    private final CapturedStreams captured = new CapturedStreams();
    private final AgentLog log = captured.log(Level.DEBUG, Format.JSON);

    /** The {@code msg} value alone, as rendered for a fresh log. */
    private static String msg(String message) {
        CapturedStreams fresh = new CapturedStreams();
        fresh.log(Level.INFO, Format.JSON).info(message);
        String out = fresh.stdout();
        return out.substring(out.indexOf("\"msg\":") + 6, out.indexOf(",\"time\":"));
    }

    @Test
    void writesOneObjectWithEveryKeySorted() {
        log.with("job", "app").log(Level.WARN, "hello world!", Map.of("pid", "12", "zone", "a"));

        assertThat(captured.stdout()).isEqualTo("{\"job\":\"app\",\"level\":\"warning\",\"msg\":\"hello world!\","
                + "\"pid\":12,\"time\":\"2018-05-02T10:00:00.12Z\",\"zone\":\"a\"}\n");
    }

    @Test
    void writesPidAsANumberOnlyWhenItIsOne() {
        log.with("pid", "not-a-pid").info("m");

        assertThat(captured.stdout()).contains("\"pid\":\"not-a-pid\"");
    }

    @Test
    void escapesQuotesBackslashesAndControlCharactersAsGoDoes() {
        assertThat(msg("say \"hi\" \\")).isEqualTo("\"say \\\"hi\\\" \\\\\"");
        assertThat(msg("a\nb\rc\td")).isEqualTo("\"a\\nb\\rc\\td\"");
        assertThat(msg("nul\u0000 bs\b ff\f esc\u001b del\u007f"))
                .isEqualTo("\"nul\\u0000 bs\\u0008 ff\\u000c esc\\u001b del\u007f\"");
    }

    @Test
    void escapesHtmlCharactersAndLineSeparatorsLikeGo() {
        assertThat(msg("<a href=\"x\">&</a>")).isEqualTo("\"\\u003ca href=\\\"x\\\"\\u003e\\u0026\\u003c/a\\u003e\"");
        assertThat(msg("ls\u2028ps\u2029")).isEqualTo("\"ls\\u2028ps\\u2029\"");
    }

    @Test
    void keepsUnicodeAndReplacesLoneSurrogates() {
        assertThat(msg("café 日本 😀")).isEqualTo("\"café 日本 😀\"");
        assertThat(msg("lone\ud800 end")).isEqualTo("\"lone\\ufffd end\"");
    }

    @Test
    void keepsAFieldNamedLikeABuiltInKeyUnderAFieldsPrefix() {
        log.log(Level.INFO, "m", Map.of("msg", "other", "time", "t"));

        assertThat(captured.stdout()).isEqualTo("{\"fields.msg\":\"other\",\"fields.time\":\"t\",\"level\":\"info\","
                + "\"msg\":\"m\",\"time\":\"2018-05-02T10:00:00.12Z\"}\n");
    }
}
