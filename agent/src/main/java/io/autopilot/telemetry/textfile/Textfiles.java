package io.autopilot.telemetry.textfile;

import io.autopilot.logging.Log;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The folder of {@code telemetry.textfiles} as {@code /metrics} serves it: read again at every scrape, off the event
 * loop, its files' samples served with the agent's own metrics. Confined to the telemetry endpoint's context.
 *
 * <p>Scrapes that come while a read runs share it, so a slow file system gets one read at a time, not a queue of
 * them. A scrape waits for the read at most {@link #READ_TIMEOUT}: past that it is answered without the files (the
 * error gauge at 1), and the read goes on for the scrapes after it. Problems are logged when they appear, once, not
 * at every scrape; when the last one goes away, that is logged too.
 */
public final class Textfiles {
    /** Half of Prometheus' default scrape timeout: the agent's own metrics still arrive in time. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    private final Path folder;
    private final Supplier<TextfileFolder.Read> reader;
    private final WorkerExecutor reads;
    private final Duration timeout;
    private final Log log;
    private Future<TextfileFolder.Read> reading;
    private Set<String> reported = Set.of();

    Textfiles(Path folder, Supplier<TextfileFolder.Read> reader, WorkerExecutor reads, Duration timeout, Log log) {
        this.folder = folder;
        this.reader = reader;
        this.reads = reads;
        this.timeout = timeout;
        this.log = log;
    }

    /**
     * @param reads the thread the folder is read on
     */
    public static Textfiles create(Path folder, WorkerExecutor reads, Log log) {
        return new Textfiles(folder, () -> TextfileFolder.read(folder), reads, READ_TIMEOUT, log);
    }

    /**
     * The agent's own metrics, taken from {@code own} once the folder is read, with the folder's. Call on the
     * endpoint's context; the future completes there, and never fails.
     */
    public Future<MetricSnapshots> addTo(Supplier<MetricSnapshots> own) {
        return read().otherwise(this::unread).map(read -> {
            TextfileMerge.Served served = TextfileMerge.of(read, own.get());
            report(served.problems());
            return served.snapshots();
        });
    }

    private Future<TextfileFolder.Read> read() {
        Future<TextfileFolder.Read> current = reading;
        if (current == null) {
            Future<TextfileFolder.Read> started = reads.executeBlocking(reader::get, false);
            current = started;
            reading = started;
            // A read that is already over runs this at once, here: then there is none to share.
            started.onComplete(done -> {
                if (reading == started) {
                    reading = null;
                }
            });
        }
        return current.timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private TextfileFolder.Read unread(Throwable failure) {
        String problem = failure instanceof TimeoutException
                ? folder + ": not read within " + timeout.toMillis() + " ms; served without its files"
                : folder + ": cannot be read: " + failure;
        return new TextfileFolder.Read(List.of(), Map.of(), List.of(problem));
    }

    private void report(List<String> problems) {
        Set<String> now = new LinkedHashSet<>(problems);
        now.stream().filter(problem -> !reported.contains(problem))
                .forEach(problem -> log.warn("telemetry: textfiles: " + problem));
        if (now.isEmpty() && !reported.isEmpty()) {
            log.info("telemetry: textfiles: every file of " + folder + " is served again");
        }
        reported = now;
    }
}
