package io.autopilot.core;

import io.autopilot.events.InternalErrors;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The threads blocking work runs on, one kind of work each, so that one kind never waits behind another: a template
 * write stalled on a slow disk (its fsyncs) must not hold back the spawn of a health check until its TTL lapses. A
 * reload's loading runs apart too, on a virtual thread ({@link OffLoop}).
 *
 * <p>Each is one platform thread, made on first use: spawns because {@code posix_spawn} is a foreign call, which pins
 * a virtual thread to its carrier while it blocks; file writes and textfile reads because each kind shares the one
 * file system anyway. The queue in front of each is bounded by its callers: a job or a check spawns one run at a time,
 * a template writes one file at a time, the telemetry endpoint reads its folder once at a time. An {@link Error}
 * thrown by a task still fails its future, as Vert.x does, and is reported too: an {@link OutOfMemoryError} in a spawn
 * must stop the agent, not read as a program that could not start.
 *
 * @param spawns every {@code posix_spawn}: jobs, exec health checks, templates' {@code validate}
 * @param fileWrites templates' staging, flushing and renaming of their files
 * @param textfileReads the reads of {@code telemetry.textfiles} for {@code /metrics}: a folder on a hung file system
 *     delays only the files' metrics, not a template's write (nor the other way round); scrapes share one read
 */
record BlockingThreads(WorkerExecutor spawns, WorkerExecutor fileWrites, WorkerExecutor textfileReads) {
    static BlockingThreads of(Vertx vertx, InternalErrors errors) {
        return new BlockingThreads(single(vertx, "autopilot-spawn", errors),
                single(vertx, "autopilot-files", errors), single(vertx, "autopilot-textfiles", errors));
    }

    // Blocking is their purpose: a long write is not a stall for Vert.x's checker to warn about.
    private static WorkerExecutor single(Vertx vertx, String name, InternalErrors errors) {
        return new Reporting(vertx.createSharedWorkerExecutor(name, 1, Long.MAX_VALUE, TimeUnit.NANOSECONDS), name,
                errors);
    }

    private record Reporting(WorkerExecutor executor, String part, InternalErrors errors) implements WorkerExecutor {
        @Override
        public <T> Future<T> executeBlocking(Callable<T> task, boolean ordered) {
            return executor.executeBlocking(() -> {
                try {
                    return task.call();
                } catch (Error e) {
                    errors.report(part, e);
                    throw e;
                }
            }, ordered);
        }

        @Override
        public Future<Void> close() {
            return executor.close();
        }
    }
}
