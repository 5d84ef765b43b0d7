package io.autopilot.events;

/**
 * Where a part of the agent reports a throwable it did not expect: a bug of ours, or the JVM failing. A long-lived
 * loop catches what escapes one of its rounds and reports it here instead of ending silently, which would leave a
 * PID 1 that looks healthy with a part of it dead.
 *
 * <p>{@link #report} is for what the part survives: it is logged and counted by part (the
 * {@code autopilot_internal_errors_total} metric, the {@code internalErrors} section of the status), and the part
 * carries on. {@link #fatal} is for what it does not survive: the agent stops as on SIGTERM and exits non-zero. Any
 * {@link VirtualMachineError} (out of memory, a stack overflow) is fatal whichever method reports it.
 *
 * <p>It lives in the hub because every package may report here. Implementations are thread-safe and never throw.
 */
public interface InternalErrors {
    /**
     * {@code part} caught {@code error} and carries on.
     *
     * @param part what caught it, a few words without numbers: {@code event loop}, {@code reaper},
     *     {@code template.nginx}; each distinct part is a metric label value
     */
    void report(String part, Throwable error);

    /** {@code part} has ended because of {@code error}, and the agent cannot do its work without it. */
    void fatal(String part, Throwable error);

    /** For the thread of a loop the agent cannot do without: a throwable that ends it uncaught is fatal. */
    default Thread.UncaughtExceptionHandler fatalIfUncaught(String part) {
        return (thread, error) -> fatal(part, error);
    }
}
