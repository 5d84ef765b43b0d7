package io.autopilot.process;

import java.util.concurrent.CompletableFuture;

/**
 * The pipes of one spawn's piped stdout and stderr, and their readers. The readers start before the child does:
 * once the child exists, nothing may fail that would leave one of its pipes unread (a full pipe blocks the child).
 * Used by the spawning thread only.
 */
final class OutputPipes {
    private final SpawnRequest request;
    private final LoopErrors errors;
    private final CompletableFuture<Void> stdoutClosed = new CompletableFuture<>();
    private final CompletableFuture<Void> stderrClosed = new CompletableFuture<>();
    private Pipe stdout;
    private Pipe stderr;
    private PipeReader stdoutReader;
    private PipeReader stderrReader;

    OutputPipes(SpawnRequest request, LoopErrors errors) {
        this.request = request;
        this.errors = errors;
    }

    /** Makes the pipes and starts their readers; throws {@link NativeError} when no pipe can be made. */
    void open() {
        stdout = pipeFor(request.stdout());
        stderr = pipeFor(request.stderr());
        stdoutReader = startReader("stdout", stdout, request.stdout(), stdoutClosed);
        stderrReader = startReader("stderr", stderr, request.stderr(), stderrClosed);
    }

    /** After {@link #open()} failed: a reader that started ends at end of file; a pipe without one is closed. */
    void abandon() {
        release(stdout, stdoutReader);
        release(stderr, stderrReader);
    }

    ChildStreams streams(boolean foreground) {
        return ChildStreams.of(stdout, stderr, foreground);
    }

    /** Completes when every piped stream has reached end of file (at once, if nothing is piped). */
    CompletableFuture<Void> closed() {
        return CompletableFuture.allOf(stdoutClosed, stderrClosed);
    }

    /**
     * Once the spawn is over, whether a child started or not: our copy of each write end must go, or the readers would
     * never see end of file.
     */
    void closeWriteEnds() {
        if (stdout != null) stdout.closeWriteEnd();
        if (stderr != null) stderr.closeWriteEnd();
    }

    /** Names the reader threads after the child, for thread dumps. */
    void name(int pid) {
        if (stdoutReader != null) stdoutReader.rename("autopilot-stdout-" + pid);
        if (stderrReader != null) stderrReader.rename("autopilot-stderr-" + pid);
    }

    private PipeReader startReader(String stream, Pipe pipe, Output output, CompletableFuture<Void> closed) {
        if (pipe == null) {
            closed.complete(null);
            return null;
        }
        var sink = ((Output.Lines) output).sink();
        var lines = new LineDelivery("the " + stream + " reader of " + request.program(), sink, errors);
        return PipeReader.start(pipe.readEnd(), lines, errors, closed);
    }

    private static void release(Pipe pipe, PipeReader reader) {
        if (pipe == null) return;
        if (reader != null) {
            pipe.closeWriteEnd();
        } else {
            pipe.closeBoth();
        }
    }

    private static Pipe pipeFor(Output output) {
        return output instanceof Output.Lines ? Pipe.open() : null;
    }
}
