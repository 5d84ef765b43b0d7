package io.autopilot.telemetry.textfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder read as a scrape reads it, and served with the agent's own metrics: which files count, what a bad one
 * costs (itself only), the bounds, and the names Prometheus must not see twice.
 */
class TextfileFolderTest {
    private static final GaugeSnapshot OWN_GAUGE = GaugeSnapshot.builder().name("autopilot_job_up")
            .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(1).build()).build();

    @TempDir
    Path folder;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(folder.resolve(name), text);
    }

    private List<String> served(MetricSnapshots own) {
        return Exposed.text(TextfileMerge.of(TextfileFolder.read(folder), own).snapshots());
    }

    private List<String> served() {
        return served(MetricSnapshots.of());
    }

    private List<String> problems(MetricSnapshots own) {
        return TextfileMerge.of(TextfileFolder.read(folder), own).problems();
    }

    private List<String> problems() {
        return problems(MetricSnapshots.of());
    }

    @Test
    void onlyPromFilesAreReadNotDotfilesOtherNamesOrSubfolders() throws IOException {
        write("app.prom", "app_up 1\n");
        write(".app.prom", "hidden 1\n");
        write("app.prom.tmp", "temporary 1\n");
        write("notes.txt", "notes 1\n");
        Files.createDirectories(folder.resolve("sub.prom"));
        Files.createDirectories(folder.resolve("sub"));
        Files.writeString(folder.resolve("sub").resolve("deep.prom"), "deep 1\n");

        assertThat(served()).contains("app_up 1.0", "autopilot_textfile_scrape_error 1.0")
                .noneMatch(line -> line.startsWith("hidden") || line.startsWith("temporary")
                        || line.startsWith("notes") || line.startsWith("deep"));
        assertThat(problems()).containsExactly(folder.resolve("sub.prom") + ": not a regular file; skipped");
    }

    @Test
    void eachFileReadIsServedWithItsModificationTimeAndAZeroErrorGauge() throws IOException {
        Path app = write("app.prom", "# HELP app_up Whether the app answers\n# TYPE app_up gauge\napp_up 1\n");
        Files.setLastModifiedTime(app, FileTime.from(Instant.ofEpochSecond(1_700_000_000, 500_000_000)));

        assertThat(served()).containsExactly(
                "# HELP app_up Whether the app answers",
                "# TYPE app_up gauge",
                "app_up 1.0",
                "# HELP autopilot_textfile_mtime_seconds When each file of telemetry.textfiles read at this scrape"
                        + " was last modified, in seconds since the epoch",
                "# TYPE autopilot_textfile_mtime_seconds gauge",
                "autopilot_textfile_mtime_seconds{file=\"" + app + "\"} 1.7000000005E9",
                "# HELP autopilot_textfile_scrape_error 1 if a file of telemetry.textfiles, or the folder, could"
                        + " not be read or served in full at this scrape (the log says why), else 0",
                "# TYPE autopilot_textfile_scrape_error gauge",
                "autopilot_textfile_scrape_error 0.0");
        assertThat(problems()).isEmpty();
    }

    @Test
    void aBadFileIsLeftOutWithItsLineWhileTheOthersAndTheAgentsOwnAreServed() throws IOException {
        write("a.prom", "a_up 1\n");
        Path bad = write("b.prom", "b_up 1\nb_down{x=\"1} 0\n");
        Path good = write("c.prom", "c_up 1\n");
        MetricSnapshots own = MetricSnapshots.of(OWN_GAUGE);

        assertThat(served(own)).contains("a_up 1.0", "c_up 1.0", "autopilot_textfile_scrape_error 1.0",
                "autopilot_job_up 1.0")
                .anyMatch(line -> line.startsWith("autopilot_textfile_mtime_seconds{file=\"" + good + "\"}"))
                .noneMatch(line -> line.startsWith("b_") || line.contains(bad.toString()));
        assertThat(problems(own)).containsExactly(bad + ":2: a label value is not closed by '\"'");
    }

    @Test
    void aMissingFolderIsAProblemAndTheAgentsOwnAreServed() {
        Path missing = folder.resolve("missing");

        TextfileMerge.Served served = TextfileMerge.of(TextfileFolder.read(missing),
                MetricSnapshots.of(OWN_GAUGE));

        assertThat(served.problems()).containsExactly(missing + ": no such folder");
        assertThat(Exposed.text(served.snapshots())).contains("autopilot_job_up 1.0",
                "autopilot_textfile_scrape_error 1.0");
    }

    @Test
    void aFileOverOneMebibyteIsRefusedAtTheLineThatPassesTheLimit() throws IOException {
        String line = "filler_metric_with_a_long_name{label=\"" + "v".repeat(60) + "\"} 1\n";
        Path big = write("big.prom", ("# " + line).repeat(TextfileFolder.MAX_FILE_BYTES / line.length() + 2));
        write("small.prom", "small 1\n");

        assertThat(served()).contains("small 1.0", "autopilot_textfile_scrape_error 1.0");
        assertThat(problems()).singleElement().asString().startsWith(big + ":")
                .endsWith(": the file is larger than 1048576 bytes, the limit of a metrics textfile (it passes the"
                        + " limit on this line)");
    }

    @Test
    void pastOneHundredFilesTheFirstInNameOrderAreRead() throws IOException {
        for (int i = 0; i < TextfileFolder.MAX_FILES + 2; i++) {
            write("f%03d.prom".formatted(i), "f%03d 1\n".formatted(i));
        }

        assertThat(served()).contains("f000 1.0", "f099 1.0").doesNotContain("f100 1.0", "f101 1.0");
        assertThat(problems()).containsExactly(folder + ": more than 100 *.prom files; the first 100 in name order"
                + " are read, 2 left out");
    }

    @Test
    void theSampleLimitHoldsForAllFilesTogetherAndLeavesOutTheFileThatPassesIt() throws IOException {
        String lines = IntStream.range(0, 6_000).mapToObj(i -> "s{i=\"" + i + "\"} 1\n").collect(Collectors.joining());
        write("a.prom", lines);
        Path b = write("b.prom", lines.replace("s{", "t{"));
        write("c.prom", "c 1\n");

        assertThat(served()).contains("s{i=\"5999\"} 1.0", "c 1.0").doesNotContain("t{i=\"0\"} 1.0");
        assertThat(problems()).containsExactly(b + ":4001: more samples than the 10000 the folder's files may"
                + " hold together");
    }

    @Test
    void aFifoIsSkippedInsteadOfBlockingTheRead() throws Exception {
        Path fifo = folder.resolve("pipe.prom");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).isZero();
        write("app.prom", "app_up 1\n");

        // Opened, the FIFO would block the read until a writer came: fail instead of hanging.
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(10), () -> served())).contains("app_up 1.0");
        assertThat(problems()).containsExactly(fifo + ": not a regular file; skipped");
    }

    @Test
    void aFamilyInSeveralFilesIsServedOnceWithTheSeriesOfEach() throws IOException {
        write("a.prom", "# HELP job_ok Whether the job's last run succeeded\n# TYPE job_ok gauge\njob_ok{job=\"a\"} 1\n");
        write("b.prom", "# TYPE job_ok gauge\njob_ok{job=\"b\"} 0\n");

        assertThat(served()).containsSubsequence("# HELP job_ok Whether the job's last run succeeded",
                "# TYPE job_ok gauge", "job_ok{job=\"a\"} 1.0", "job_ok{job=\"b\"} 0.0");
        assertThat(problems()).isEmpty();
    }

    @Test
    void aFamilyWithoutHelpSaysWhichFilesItIsReadFrom() throws IOException {
        Path a = write("a.prom", "job_ok{job=\"a\"} 1\n");
        Path b = write("b.prom", "job_ok{job=\"b\"} 0\n");

        assertThat(served()).contains("# HELP job_ok Metric read from " + a + ", " + b);
    }

    @Test
    void conflictsBetweenFilesLeaveOutTheLaterFilesFamilyAndSaySo() throws IOException {
        write("a.prom", "# HELP x One\n# TYPE x gauge\nx{f=\"a\"} 1\nd{f=\"a\"} 1\n# TYPE s summary\ns_count 1\n");
        Path b = write("b.prom", "# TYPE x counter\nx 2\nd{f=\"a\"} 2\n");
        Path c = write("c.prom", "# HELP x Two\n# TYPE x gauge\nx{f=\"c\"} 3\ns_sum 4\n");

        assertThat(served()).contains("x{f=\"a\"} 1.0", "d{f=\"a\"} 1.0", "s_count 1")
                .doesNotContain("x 2.0", "d{f=\"a\"} 2.0", "x{f=\"c\"} 3.0", "s_sum 4.0");
        assertThat(problems()).containsExactly(
                b + ":1: x is left out: it is a gauge in " + folder.resolve("a.prom") + ":1",
                b + ":3: d is left out: its series d{f=\"a\"} is also in " + folder.resolve("a.prom"),
                c + ":1: x is left out: its help text differs from the one in " + folder.resolve("a.prom") + ":1",
                c + ":4: s_sum is left out: s_sum is s of " + folder.resolve("a.prom") + ":5");
    }

    @Test
    void aFamilyNamedLikeOneOfTheAgentsOwnIsLeftOutAndSaidSo() throws IOException {
        Path app = write("app.prom", "# TYPE autopilot_job_exits_total counter\nautopilot_job_exits_total 1\n"
                + "hits 3\nautopilot_textfile_scrape_error 0\nmine 1\n");
        MetricSnapshots own = MetricSnapshots.of(CounterSnapshot.builder().name("autopilot_job_exits").build(),
                UnknownSnapshot.builder().name("hits").build());

        assertThat(served(own)).contains("mine 1.0").doesNotContain("hits 3.0", "autopilot_job_exits_total 1.0",
                "autopilot_textfile_scrape_error 0.0");
        assertThat(problems(own)).containsExactly(
                app + ":1: autopilot_job_exits_total is left out: autopilot_job_exits_total is the agent's own"
                        + " metric autopilot_job_exits",
                app + ":3: hits is left out: hits is the agent's own metric hits",
                app + ":4: autopilot_textfile_scrape_error is left out: autopilot_textfile_scrape_error is the"
                        + " agent's own metric autopilot_textfile_scrape_error");
    }
}
