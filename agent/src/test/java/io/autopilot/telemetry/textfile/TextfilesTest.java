package io.autopilot.telemetry.textfile;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.logging.LoggingConfig.Level;
import io.autopilot.testing.Eventually;
import io.autopilot.testing.RecordingLog;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scrapes as the endpoint makes them, on its context: the read off the loop, shared, bounded in time, and the log. */
class TextfilesTest {
    private static final MetricSnapshots OWN = MetricSnapshots.of(GaugeSnapshot.builder().name("autopilot_job_up")
            .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(1).build()).build());

    @TempDir
    Path folder;
    private final Vertx vertx = Vertx.vertx();
    private final Context context = vertx.getOrCreateContext();
    private final WorkerExecutor reads = vertx.createSharedWorkerExecutor("textfiles-test", 1);
    private final RecordingLog log = new RecordingLog();
    /** Holds back the slow reader; released at the end in any case, so Vert.x can close its worker. */
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void close() throws Exception {
        release.countDown();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private Textfiles textfiles(Supplier<TextfileFolder.Read> reader, Duration timeout) {
        return new Textfiles(folder, reader, reads, timeout, log);
    }

    /** A scrape started on the endpoint's context; its lines once it completes. */
    private CompletableFuture<List<String>> scrape(Textfiles textfiles) {
        CompletableFuture<List<String>> lines = new CompletableFuture<>();
        context.runOnContext(v -> textfiles.addTo(() -> OWN).onComplete(result -> {
            if (result.succeeded()) {
                lines.complete(Exposed.text(result.result()));
            } else {
                lines.completeExceptionally(result.cause());
            }
        }));
        return lines;
    }

    private List<String> scraped(Textfiles textfiles) throws Exception {
        return scrape(textfiles).get(10, TimeUnit.SECONDS);
    }

    private List<String> warnings() {
        return log.entries().stream().filter(entry -> entry.level() == Level.WARN).map(RecordingLog.Entry::message)
                .toList();
    }

    @Test
    void aProblemIsLoggedOnceWhileItLastsAndItsEndIsLoggedToo() throws Exception {
        Path app = Files.writeString(folder.resolve("app.prom"), "app_up{ 1\n");
        Textfiles textfiles = Textfiles.create(folder, reads, log);

        scraped(textfiles);
        assertThat(scraped(textfiles)).contains("autopilot_job_up 1.0", "autopilot_textfile_scrape_error 1.0");
        assertThat(warnings()).containsExactly("telemetry: textfiles: " + app + ":1: expected a label name, found"
                + " '1'");

        Files.writeString(folder.resolve("app.prom"), "app_up 1\n");
        assertThat(scraped(textfiles)).contains("app_up 1.0", "autopilot_textfile_scrape_error 0.0");
        scraped(textfiles);
        Files.writeString(folder.resolve("app.prom"), "app_up{ 1\n");
        scraped(textfiles);

        assertThat(log.messages).filteredOn(message -> message.startsWith("telemetry: textfiles:")).containsExactly(
                "telemetry: textfiles: " + app + ":1: expected a label name, found '1'",
                "telemetry: textfiles: every file of " + folder + " is served again",
                "telemetry: textfiles: " + app + ":1: expected a label name, found '1'");
    }

    @Test
    void aReadThatIsOverBeforeItsScrapeWaitsForItIsServed() throws Exception {
        Files.writeString(folder.resolve("app.prom"), "app_up 1\n");
        WorkerExecutor atOnce = new WorkerExecutor() {
            @Override
            public <T> Future<T> executeBlocking(Callable<T> task, boolean ordered) {
                try {
                    return Future.succeededFuture(task.call());
                } catch (Exception e) {
                    return Future.failedFuture(e);
                }
            }

            @Override
            public Future<Void> close() {
                return Future.succeededFuture();
            }
        };
        Textfiles textfiles = new Textfiles(folder, () -> TextfileFolder.read(folder), atOnce, Duration.ofSeconds(10),
                log);

        assertThat(scraped(textfiles)).contains("app_up 1.0");
        assertThat(scraped(textfiles)).contains("app_up 1.0");
    }

    @Test
    void theFolderIsReadOffTheEventLoop() throws Exception {
        AtomicReference<String> thread = new AtomicReference<>();
        Textfiles textfiles = textfiles(() -> {
            thread.set(Thread.currentThread().getName());
            return TextfileFolder.read(folder);
        }, Duration.ofSeconds(10));

        scraped(textfiles);

        assertThat(thread.get()).startsWith("textfiles-test");
    }

    @Test
    void aReadThatOutlastsItsTimeoutIsAnsweredWithoutTheFilesAndSharedByTheScrapesMeanwhile() throws Exception {
        Files.writeString(folder.resolve("app.prom"), "app_up 1\n");
        AtomicInteger reads = new AtomicInteger();
        Textfiles textfiles = textfiles(() -> {
            reads.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return TextfileFolder.read(folder);
        }, Duration.ofMillis(200));

        List<String> first = scraped(textfiles);
        List<String> second = scraped(textfiles);

        assertThat(first).contains("autopilot_job_up 1.0", "autopilot_textfile_scrape_error 1.0")
                .doesNotContain("app_up 1.0");
        assertThat(second).contains("autopilot_job_up 1.0", "autopilot_textfile_scrape_error 1.0");
        assertThat(reads).hasValue(1);
        assertThat(warnings()).containsExactly("telemetry: textfiles: " + folder + ": not read within 200 ms;"
                + " served without its files");

        release.countDown();
        Eventually.until(() -> scrapedNow(textfiles).contains("app_up 1.0"), () -> "the files served again");
    }

    private List<String> scrapedNow(Textfiles textfiles) {
        try {
            return scraped(textfiles);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
