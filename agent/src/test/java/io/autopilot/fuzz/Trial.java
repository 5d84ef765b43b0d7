package io.autopilot.fuzz;

import io.autopilot.testing.AgentStack;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;

/**
 * One fuzzed input, run as the agent would run it: on a thread with the agent's 256 KiB stack, within a time bound
 * far above any limit the code keeps (a render stops after two seconds), so that only a real hang reaches it.
 *
 * @param thrown what the code threw, null when it returned
 * @param hung whether it was still running at the bound
 */
record Trial(Throwable thrown, boolean hung, Duration took) {
    static final Duration BOUND = Duration.ofSeconds(20);

    static Trial run(Callable<?> task) {
        long start = System.nanoTime();
        Throwable thrown = null;
        boolean hung = false;
        try {
            AgentStack.call(AgentStack.SIZE, BOUND, task);
        } catch (TimeoutException e) {
            hung = true;
        } catch (Throwable e) {
            thrown = e;
        }
        return new Trial(thrown, hung, Duration.ofNanos(System.nanoTime() - start));
    }
}
