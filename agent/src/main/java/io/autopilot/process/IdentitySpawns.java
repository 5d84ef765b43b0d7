package io.autopilot.process;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The thread that starts every child that runs as another user. Its credentials change for the moment of each such
 * spawn ({@link ThreadCredentials}), so it does nothing else: no caller's thread (a Vert.x worker, a virtual thread's
 * carrier) ever holds another user's ids, even for a moment. Should its ids fail to come back, the thread ends after
 * that spawn, reported as an error the package survived, and the next spawn gets a new thread; the child already
 * started is still returned, so it is supervised like any other. The thread goes after a minute without work. Its
 * queue is bounded by its callers, each of which waits for its own spawn.
 */
final class IdentitySpawns {
    private static final long IDLE_SECONDS = 60;

    private final ThreadLocal<ThreadCredentials> credentials =
            ThreadLocal.withInitial(ThreadCredentials::ofCurrentThread);
    private final ThreadPoolExecutor thread;

    IdentitySpawns(LoopErrors errors) {
        thread = new ThreadPoolExecutor(1, 1, IDLE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> Thread.ofPlatform().name("autopilot-identity").daemon().stackSize(256 * 1024)
                        .uncaughtExceptionHandler((t, error) -> errors.report("the identity spawn thread", error))
                        .unstarted(task));
        thread.allowCoreThreadTimeOut(true);
    }

    /** Runs {@code spawn} on the thread, with that thread's credentials, and returns its result. */
    SpawnResult run(Function<ThreadCredentials, SpawnResult> spawn) {
        var result = new CompletableFuture<SpawnResult>();
        thread.execute(() -> runOnThread(spawn, result));
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error error) throw error;
            throw e;
        }
    }

    private void runOnThread(Function<ThreadCredentials, SpawnResult> spawn, CompletableFuture<SpawnResult> result) {
        ThreadCredentials own;
        try {
            own = credentials.get();
            result.complete(spawn.apply(own));
        } catch (Throwable t) {
            result.completeExceptionally(t);
            return;
        }
        if (own.spoiled().isPresent()) {
            // Thrown out of the task, it ends this thread: the executor starts another for the next spawn.
            throw new IllegalStateException("the identity spawn thread could not restore its credentials ("
                    + own.spoiled().get() + "): it ends");
        }
    }
}
