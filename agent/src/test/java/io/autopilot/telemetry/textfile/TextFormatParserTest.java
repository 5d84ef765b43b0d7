package io.autopilot.telemetry.textfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** One file's text, read as the text format 0.0.4: what each family becomes, and every refusal with its line. */
class TextFormatParserTest {
    private static final Path FILE = Path.of("/metrics/app.prom");

    private static List<TextfileFamily> parse(String text) {
        return TextFormatParser.parse(FILE, text, TextfileFolder.MAX_SAMPLES).families();
    }

    /** The families as /metrics writes them, each with its help or {@code h}. */
    private static List<String> served(String text) {
        return Exposed.text(new MetricSnapshots(parse(text).stream()
                .map(family -> family.snapshot(family.help().orElse("h"))).toList()));
    }

    private static String refusal(String text) {
        try {
            parse(text);
        } catch (TextFormatException e) {
            return e.line() + ": " + e.getMessage();
        }
        throw new AssertionError("accepted: " + text);
    }

    @Test
    void gaugesAndUntypedSamplesKeepTheirNamesHelpLabelsAndSpecialValues() {
        assertThat(served("""
                # HELP queue_depth Jobs waiting, by queue
                # TYPE queue_depth gauge
                queue_depth{queue="mail"} 3
                queue_depth{queue="print"} -2.5e3
                queue_depth{queue="nan"} NaN
                queue_depth{queue="up"} +Inf
                queue_depth{queue="down"} -Inf
                last_backup_ok 1
                """)).containsExactly(
                "# HELP last_backup_ok h",
                "# TYPE last_backup_ok untyped",
                "last_backup_ok 1.0",
                "# HELP queue_depth Jobs waiting, by queue",
                "# TYPE queue_depth gauge",
                "queue_depth{queue=\"down\"} -Inf",
                "queue_depth{queue=\"mail\"} 3.0",
                "queue_depth{queue=\"nan\"} NaN",
                "queue_depth{queue=\"print\"} -2500.0",
                "queue_depth{queue=\"up\"} +Inf");
    }

    @Test
    void escapesInLabelValuesAndHelpAreResolvedAndWrittenBackEscaped() {
        List<TextfileFamily> families = parse("""
                # HELP paths Seen paths: C:\\\\dir\\nand more
                paths{path="C:\\\\dir",quote="say \\"hi\\"",lines="a\\nb"} 1
                """);

        assertThat(families.getFirst().help()).hasValue("Seen paths: C:\\dir\nand more");
        assertThat(families.getFirst().series().getFirst().get("quote")).isEqualTo("say \"hi\"");
        assertThat(served("""
                # HELP paths Seen paths: C:\\\\dir\\nand more
                paths{path="C:\\\\dir",quote="say \\"hi\\"",lines="a\\nb"} 1
                """)).contains("# HELP paths Seen paths: C:\\\\dir\\nand more",
                "paths{lines=\"a\\nb\",path=\"C:\\\\dir\",quote=\"say \\\"hi\\\"\"} 1.0");
    }

    @Test
    void blanksCommentsEmptyBracesAndATrailingCommaAreAllowed() {
        assertThat(served("""

                # a comment
                #
                \t requests_total { method = "GET" , code="200", } \t 7 \t
                uptime{} 12
                """)).contains("requests_total{code=\"200\",method=\"GET\"} 7.0", "uptime 12.0");
    }

    @Test
    void aCounterNamedWithTotalStaysACounterAndAnyOtherIsServedUntypedUnderItsExactName() {
        String text = """
                # TYPE jobs_done_total counter
                jobs_done_total 5
                # TYPE restarts counter
                restarts 2
                """;
        assertThat(served(text)).containsExactly(
                "# HELP jobs_done_total h", "# TYPE jobs_done_total counter", "jobs_done_total 5.0",
                "# HELP restarts h", "# TYPE restarts untyped", "restarts 2.0");
        assertThat(Exposed.openMetrics(new MetricSnapshots(parse(text).stream().map(f -> f.snapshot("h")).toList())))
                .contains("# TYPE jobs_done counter", "jobs_done_total 5.0", "# TYPE restarts unknown",
                        "restarts 2.0");
    }

    @Test
    void aLabelWithAnEmptyValueIsTheSeriesWithoutIt() {
        assertThat(served("x{a=\"\",b=\"1\"} 1\n")).contains("x{b=\"1\"} 1.0");
        assertThat(refusal("x 1\nx{a=\"\"} 2\n")).isEqualTo("2: x is already on line 1");
    }

    @Test
    void summariesAreServedWithTheirQuantilesSumAndCount() {
        assertThat(served("""
                # HELP rpc_seconds Time of calls
                # TYPE rpc_seconds summary
                rpc_seconds{service="a",quantile="0.5"} 0.05
                rpc_seconds{service="a",quantile="0.99"} 0.3
                rpc_seconds_sum{service="a"} 17.5
                rpc_seconds_count{service="a"} 300
                rpc_seconds_count{service="b"} 0
                """)).containsExactly(
                "# HELP rpc_seconds Time of calls",
                "# TYPE rpc_seconds summary",
                "rpc_seconds{service=\"a\",quantile=\"0.5\"} 0.05",
                "rpc_seconds{service=\"a\",quantile=\"0.99\"} 0.3",
                "rpc_seconds_count{service=\"a\"} 300",
                "rpc_seconds_sum{service=\"a\"} 17.5",
                "rpc_seconds_count{service=\"b\"} 0");
    }

    @Test
    void histogramsAreServedWithCumulativeBucketsAndTakeTheirCountAsTheInfBucketWhenItIsMissing() {
        assertThat(served("""
                # TYPE backup_seconds histogram
                backup_seconds_bucket{le="1"} 2
                backup_seconds_bucket{le="10"} 5
                backup_seconds_bucket{le="+Inf"} 6
                backup_seconds_sum 40.5
                backup_seconds_count 6
                # TYPE sync_seconds histogram
                sync_seconds_bucket{le="0.5"} 1
                sync_seconds_count 4
                """)).containsExactly(
                "# HELP backup_seconds h",
                "# TYPE backup_seconds histogram",
                "backup_seconds_bucket{le=\"1.0\"} 2",
                "backup_seconds_bucket{le=\"10.0\"} 5",
                "backup_seconds_bucket{le=\"+Inf\"} 6",
                "backup_seconds_count 6",
                "backup_seconds_sum 40.5",
                "# HELP sync_seconds h",
                "# TYPE sync_seconds histogram",
                "sync_seconds_bucket{le=\"0.5\"} 1",
                "sync_seconds_bucket{le=\"+Inf\"} 4",
                "sync_seconds_count 4");
    }

    @Test
    void anEmptyFileHasNoFamiliesAndAHelpWithoutSamplesNoFamilyEither() {
        assertThat(parse("")).isEmpty();
        assertThat(parse("# HELP x nothing yet\n# TYPE x gauge\n")).isEmpty();
    }

    @Test
    void typesAreReadWithoutRegardToCase() {
        assertThat(parse("# TYPE x GAUGE\nx 1\n").getFirst().type()).isEqualTo(FamilyType.GAUGE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            x 1 1700000000000\\n                       | 1: a timestamp (1700000000000) after the value: samples with timestamps are not served, and the file is left out, as the node exporter does
            x 1\\ny 2                                  | 2: the last line does not end with a line feed: is the file being written? (write it under another name, then rename it into the folder)
            x 1 2 3\\n                                 | 1: unexpected "2 3" after the value
            x 1 a\\q\\n                                | 1: unexpected "a\\q" after the value
            x 1\\r\\n                                  | 1: the line ends with a carriage return: lines of the text format end with a line feed alone
            x\\n                                       | 1: expected the value of x, found the end of the line
            x abc\\n                                   | 1: "abc" is not a number
            x 0x10\\n                                  | 1: "0x10" is not a number
            x 1e400\\n                                 | 1: 1e400 is out of the range of a double
            1x 1\\n                                    | 1: expected a metric name, found '1'
            x.y 1\\n                                   | 1: ".y" is not a number
            x{a="1} 1\\n                               | 1: a label value is not closed by '"'
            x{a="\\t"} 1\\n                            | 1: '\\t' is not an escape ('\\\\', '\\"' and '\\n' are)
            x{a=1} 1\\n                                | 1: expected '"' to open a label value, found '1'
            x{a="1" b="2"} 1\\n                        | 1: expected '}' or ',' after the value of label a, found 'b'
            x{a="1",a="2"} 1\\n                        | 1: label a is given twice
            x{__name__="y"} 1\\n                       | 1: label __name__: names starting with "__" are Prometheus' own
            x{1a="1"} 1\\n                             | 1: expected a label name, found '1'
            x{a="1"} 1\\nx{a="1"} 2\\n                 | 2: x{a="1"} is already on line 1
            # TYPE x info\\nx 1\\n                     | 1: "info" is not a type of the text format: counter, gauge, summary, histogram, untyped
            # TYPE x gauge extra\\n                    | 1: unexpected text after the type of x
            # TYPE x\\n                                | 1: "" is not a type of the text format: counter, gauge, summary, histogram, untyped
            x 1\\n# TYPE x gauge\\n                    | 2: the TYPE line of x comes after its first sample (line 1); it must come before it
            # TYPE x gauge\\n# TYPE x counter\\n       | 2: a second TYPE line for x (the first is line 1)
            # HELP x a\\n\\n# HELP x b\\n              | 3: a second HELP line for x (the first is line 1)
            # HELP x.y z\\n                            | 1: expected a blank after the name x in the HELP line
            # HELP\\n                                  | 1: expected a metric name, found the end of the line
            # HELP x back\\\\n                         | 1: a '\\' ends the line; escape it as '\\\\'
            # HELP x say \\"hi\\"\\n                   | 1: '\\"' is not an escape in help text (only '\\\\' and '\\n' are)
            # TYPE x counter\\nx -1\\n                 | 2: counter x is negative: -1.0
            # TYPE s summary\\ns 1\\n                  | 2: s has no quantile label
            # TYPE s summary\\ns{quantile="2"} 1\\n    | 2: quantile="2" is not a quantile between 0 and 1
            # TYPE s summary\\ns_sum{quantile="0.5"} 1\\n | 2: s_sum has a quantile label, which only s may have
            # TYPE s summary\\ns_count 1.5\\n          | 2: s_count must be a whole number of observations, not 1.5
            # TYPE s summary\\ns_sum 1\\ns_sum 2\\n    | 3: s_sum is already on line 2
            # TYPE h histogram\\nh 1\\n                | 2: histogram h has no sample named h: its samples are h_bucket, h_sum and h_count
            # TYPE h histogram\\nh_bucket 1\\n         | 2: h_bucket has no le label
            # TYPE h histogram\\nh_bucket{le="x"} 1\\n | 2: "x" is not a number
            # TYPE h histogram\\nh_bucket{le="NaN"} 1\\n | 2: le="NaN" is not a bucket's upper bound
            # TYPE h histogram\\nh_bucket{le="1"} 1\\nh_bucket{le="1.0"} 1\\n | 3: h_bucket{le="1.0"} is already on line 2
            # TYPE h histogram\\nh_bucket{le="1"} 1\\n | 2: histogram h has neither a +Inf bucket nor h_count
            # TYPE h histogram\\nh_bucket{le="1"} 5\\nh_bucket{le="+Inf"} 3\\n | 3: bucket le="+Inf" counts 3, fewer than the bucket below it (5): buckets count cumulatively
            # TYPE h histogram\\nh_bucket{le="+Inf"} 3\\nh_count 4\\n | 3: h_count (4.0) is not the count of the +Inf bucket (3)
            """)
    void aFileThatIsNotTheTextFormatIsRefusedAtTheLineOfItsFirstProblem(String text, String refusal) {
        assertThat(refusal(text.strip().replace("\\n", "\n").replace("\\r", "\r"))).isEqualTo(refusal);
    }

    @Test
    void aFilePastWhatIsLeftOfTheSampleLimitIsRefusedAtTheSampleThatPassesIt() {
        assertThatThrownBy(() -> TextFormatParser.parse(FILE, "a 1\nb 2\nc 3\n", 2))
                .isInstanceOfSatisfying(TextFormatException.class, e -> assertThat(e.line()).isEqualTo(3))
                .hasMessage("more samples than the 10000 the folder's files may hold together");
        assertThat(TextFormatParser.parse(FILE, "# TYPE s summary\ns{quantile=\"0.5\"} 1\ns_count 2\n", 2)
                .samples()).isEqualTo(2);
    }
}
