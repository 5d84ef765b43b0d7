package io.autopilot.process;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * What the package's long-lived loops (the reaper, the pipe loop) do with an error they catch. Neither may stop: a
 * reaper that stops leaves every later exit a zombie and every waiting job hung, and a pipe loop that stops leaves
 * every child's pipes unread, so that each child blocks once its pipe is full. So each error is counted and
 * reported, and the loop carries on. An error of the JVM itself ({@link VirtualMachineError}: out of memory, above
 * all) goes to the fatal-error handler as well: the loop still carries on as best it can, but the agent is no longer
 * sound, and what to do about that is its owner's decision (stop with a clear message), not this package's.
 */
final class LoopErrors {
    private static final System.Logger LOG = System.getLogger(LoopErrors.class.getName());

    private final AtomicLong survived = new AtomicLong();
    private volatile Consumer<Throwable> fatalHandler = LoopErrors::logFatal;

    /**
     * Replaces the handler of fatal errors, which may be called from any of the package's threads, more than once;
     * returns the one it replaces.
     */
    Consumer<Throwable> onFatalError(Consumer<Throwable> handler) {
        var previous = fatalHandler;
        fatalHandler = Objects.requireNonNull(handler, "handler");
        return previous;
    }

    /** Errors the loops caught and went on after, fatal ones included. */
    long survived() {
        return survived.get();
    }

    /** Counts and reports {@code error}, which {@code loop} caught (e.g. "the reaper"); never throws. */
    void report(String loop, Throwable error) {
        survived.incrementAndGet();
        if (error instanceof VirtualMachineError) {
            try {
                fatalHandler.accept(error);
            } catch (Throwable handlerFailure) {
                logFatal(error);
            }
            return;
        }
        try {
            LOG.log(System.Logger.Level.WARNING, loop + " caught an error and goes on", error);
        } catch (Throwable logFailure) {
            // Logging is what failed (a full heap, a broken output): the count above is what is left to tell.
        }
    }

    // The default until the agent installs its own: as loud as the log can be.
    private static void logFatal(Throwable error) {
        try {
            LOG.log(System.Logger.Level.ERROR, "fatal error in the process supervision: " + error, error);
        } catch (Throwable logFailure) {
            // Nothing else can be done from here.
        }
    }
}
