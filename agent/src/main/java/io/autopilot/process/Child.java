package io.autopilot.process;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A started child: the leader of its own process group. {@link #exit()} completes once the child has been reaped and
 * its piped output has been delivered (see there); {@link #signal} reaches the whole group until then.
 */
public final class Child {
    private final int pid;
    private final Reaper reaper;
    private final Leftovers leftovers;
    private final CompletableFuture<ExitStatus> reaped = new CompletableFuture<>();
    private final CompletableFuture<Void> outputClosed;
    private final CompletableFuture<ExitStatus> exit;

    Child(int pid, Reaper reaper, Leftovers leftovers, CompletableFuture<Void> outputClosed) {
        this.pid = pid;
        this.reaper = reaper;
        this.leftovers = leftovers;
        this.outputClosed = outputClosed;
        // copy(): the grace completes a copy, never the future that reports the real end of the output.
        this.exit = reaped.thenCompose(status -> outputClosed.copy()
                .completeOnTimeout(null, leftovers.outputGrace().toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(ignored -> status));
    }

    public int pid() {
        return pid;
    }

    /** The child's process group; it is the child's pid, since every child starts a new group. */
    public int processGroup() {
        return pid;
    }

    /**
     * Completes with the child's status. Ordering guarantee: every line the child wrote to a piped stdout or stderr
     * has been handed to its sink before this completes, unless a process it left behind kept the pipe open for
     * longer than its {@link Leftovers#outputGrace()} after the child's reap; that process's later lines still
     * arrive afterwards. Callbacks attached without {@code *Async} run on the reaper thread or on the thread that
     * reads every child's output: keep them short.
     */
    public CompletableFuture<ExitStatus> exit() {
        return exit.copy();
    }

    /** Completes when every piped stream has reached end of file, i.e. no process holds them any more. */
    public CompletableFuture<Void> outputClosed() {
        return outputClosed.copy();
    }

    /**
     * Sends {@code signal} to the child's process group. Returns false, sending nothing, once the child has been
     * reaped: its pid, and with it the group id, may then belong to an unrelated process.
     */
    public boolean signal(int signal) {
        return reaper.signalGroup(this, signal);
    }

    Leftovers leftovers() {
        return leftovers;
    }

    void reaped(ExitStatus status) {
        reaped.complete(status);
    }

    @Override
    public String toString() {
        return "Child[pid=" + pid + "]";
    }
}
