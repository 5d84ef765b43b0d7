package io.autopilot.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;

/**
 * Runs code on a thread with a given stack, as small as the agent's: its threads have 256 KiB ({@code -Xss256k} in
 * {@code lib/jvm.options}), where a test's own thread has several megabytes and would hide a recursion that the agent
 * cannot afford. What the code throws, errors included, is thrown again to the test; a run that outlasts its bound
 * fails the test instead of hanging it (the thread is a daemon, left to finish alone).
 */
public final class AgentStack {
    /** The agent's thread stack. */
    public static final long SIZE = 256 * 1024;
    /** A quarter of it: a limit that holds here leaves the agent's callers three quarters of their stack. */
    public static final long QUARTER = SIZE / 4;

    private static final Duration DEFAULT_BOUND = Duration.ofSeconds(60);

    private AgentStack() {
    }

    /** {@code task}'s result, computed on a thread with the agent's stack. */
    public static <T> T call(Callable<T> task) throws Exception {
        return call(SIZE, DEFAULT_BOUND, task);
    }

    /** {@code task}'s result, computed on a thread with {@code stackBytes} of stack within {@code bound}. */
    public static <T> T call(long stackBytes, Duration bound, Callable<T> task) throws Exception {
        Outcome<T> outcome = new Outcome<>();
        Thread thread = new Thread(null, () -> outcome.run(task), "agent-stack", stackBytes);
        thread.setDaemon(true);
        thread.start();
        thread.join(bound);
        if (thread.isAlive()) {
            throw new TimeoutException("still running after " + bound.toMillis() + " ms");
        }
        return outcome.get();
    }

    private static final class Outcome<T> {
        private volatile T value;
        private volatile Throwable thrown;

        void run(Callable<T> task) {
            try {
                value = task.call();
            } catch (Throwable e) {
                thrown = e;
            }
        }

        T get() throws Exception {
            if (thrown instanceof Exception e) {
                throw e;
            }
            if (thrown instanceof Error e) {
                throw e;
            }
            return value;
        }
    }
}
