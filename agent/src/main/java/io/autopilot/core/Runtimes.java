package io.autopilot.core;

import io.autopilot.events.InternalErrors;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one Vert.x instance, sized for an agent rather than a server (DESIGN §6): one event loop carries every actor,
 * since the agent's work is a few events a second; one worker thread (the control plane's socket file) and one
 * internal blocking thread, created only when first used; spawns and file writes have threads of their own
 * ({@link BlockingThreads}). Threads are daemons: only {@code cli.Main} ends the process.
 *
 * <p>What a task on any of its contexts throws (a timer, a handler, a future's callback) goes to {@code errors}:
 * Vert.x would otherwise log it as "Unhandled exception" and carry on, an {@link OutOfMemoryError} included.
 */
final class Runtimes {
    /**
     * Vert.x warns after 2 s on an event loop. On a container's slice of a CPU the JVM's first class loads and
     * foreign-function bindings can take that long, and the warnings read like faults; a real stall is still
     * reported, after 10 s.
     */
    private static final long EVENT_LOOP_STALL_SECONDS = 10;

    /** The instance {@link #prepare()} is making, until {@link #vertx} takes it. */
    private static final AtomicReference<CompletableFuture<Vertx>> PREPARED = new AtomicReference<>();

    private static final String NETTY_MACHINE_ID = "io.netty.machineId";

    private Runtimes() {
    }

    /**
     * Starts making the instance on a thread of its own, so that Vert.x and Netty initialise (some 50-150 ms of class
     * initialisation) while the caller reads the configuration, instead of after it: that time was on the path from
     * exec to the first job's spawn. The next {@link #vertx} takes it. Does nothing if one is already on its way.
     */
    static void prepare() {
        var making = new CompletableFuture<Vertx>();
        if (!PREPARED.compareAndSet(null, making)) {
            return;
        }
        Thread.ofPlatform().name("autopilot-vertx-start").daemon().start(() -> {
            try {
                making.complete(Vertx.vertx(options()));
            } catch (Throwable t) {
                making.completeExceptionally(t);
            }
        });
    }

    /**
     * Netty makes each channel's id from a hardware address it looks for over every network interface when the first
     * channel opens; where there is none (a container with only {@code lo}) it logs "Failed to find a usable hardware
     * address" and takes random bytes. The agent never shows a channel's id: random bytes from the start, without the
     * search or the warning. A value the user set is kept.
     */
    private static void randomMachineId() {
        if (System.getProperty(NETTY_MACHINE_ID) == null) {
            byte[] id = new byte[8];
            ThreadLocalRandom.current().nextBytes(id);
            System.setProperty(NETTY_MACHINE_ID, HexFormat.ofDelimiter(":").formatHex(id));
        }
    }

    /** The instance {@link #prepare()} made, else a new one; if making it failed there, it is made again here. */
    static Vertx vertx(InternalErrors errors) {
        CompletableFuture<Vertx> prepared = PREPARED.getAndSet(null);
        Vertx made = prepared == null ? null : prepared.exceptionally(failure -> null).join();
        Vertx vertx = made != null ? made : Vertx.vertx(options());
        // The fallback of every context: none of ours sets a handler of its own.
        vertx.exceptionHandler(error -> errors.report("event loop", error));
        return vertx;
    }

    private static VertxOptions options() {
        randomMachineId();
        return new VertxOptions()
                .setEventLoopPoolSize(1)
                .setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1)
                .setUseDaemonThread(true)
                .setPreferNativeTransport(false)
                .setBlockedThreadCheckInterval(EVENT_LOOP_STALL_SECONDS)
                .setBlockedThreadCheckIntervalUnit(TimeUnit.SECONDS)
                .setMaxEventLoopExecuteTime(EVENT_LOOP_STALL_SECONDS)
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.SECONDS)
                .setWarningExceptionTime(EVENT_LOOP_STALL_SECONDS)
                .setWarningExceptionTimeUnit(TimeUnit.SECONDS)
                // Workers run blocking calls on purpose; a long one is not a fault.
                .setMaxWorkerExecuteTime(Long.MAX_VALUE)
                // No classpath resolving and no file cache: Vert.x would otherwise create a cache folder under the
                // working directory or /tmp at start-up, which fails or litters in a read-only container.
                .setFileSystemOptions(new FileSystemOptions()
                        .setClassPathResolvingEnabled(false)
                        .setFileCachingEnabled(false));
    }
}
