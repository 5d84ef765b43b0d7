package io.autopilot.logging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

/** What a log and all the logs derived from it share: the current sink (swapped on reconfigure) and the clock. */
final class LogTarget {
    private final Clock clock;
    private final Streams streams;
    private final AtomicBoolean failureReported = new AtomicBoolean();
    private volatile LogSink sink;

    LogTarget(LogSink sink, Clock clock, Streams streams) {
        this.sink = sink;
        this.clock = clock;
        this.streams = streams;
    }

    LogSink sink() {
        return sink;
    }

    Clock clock() {
        return clock;
    }

    /** Opens the new output before closing the old one; synchronized so two reloads cannot leak a sink. */
    synchronized void reconfigure(LoggingConfig config) throws IOException {
        LogSink old = sink;
        sink = LogSink.open(config, streams);
        old.close();
    }

    /** Synchronized with reconfigure so a reopen never lands on a sink that is being replaced. */
    synchronized void reopen() {
        sink.reopen();
    }

    synchronized void close() {
        sink.close();
    }

    /** A bug in rendering must not reach the caller; it is said once on stderr. */
    void reportFailure(RuntimeException error) {
        if (failureReported.compareAndSet(false, true)) {
            try {
                streams.stderr().write(("autopilot: cannot log an entry: " + error + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException ignored) {
                // Nowhere left to report it.
            }
        }
    }
}
