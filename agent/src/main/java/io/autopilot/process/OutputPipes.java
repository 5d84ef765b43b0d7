package io.autopilot.process;

import java.util.concurrent.CompletableFuture;

/**
 * The pipes of one spawn's piped stdout and stderr. Their read ends go to the {@link PipeLoop} before the child
 * starts: once the child exists, nothing may fail that would leave one of its pipes unread (a full pipe blocks the
 * child). Used by the spawning thread only.
 */
final class OutputPipes {
    private static final System.Logger LOG = System.getLogger(OutputPipes.class.getName());

    private final SpawnRequest request;
    private final PipeLoop loop;
    private final LoopErrors errors;
    private final CompletableFuture<Void> stdoutClosed = new CompletableFuture<>();
    private final CompletableFuture<Void> stderrClosed = new CompletableFuture<>();
    private Pipe stdout;
    private Pipe stderr;
    private PolledPipe stdoutRead;
    private PolledPipe stderrRead;

    OutputPipes(SpawnRequest request, PipeLoop loop, LoopErrors errors) {
        this.request = request;
        this.loop = loop;
        this.errors = errors;
    }

    /** Makes the pipes and hands them to the loop; throws {@link NativeError} when no pipe can be made. */
    void open() {
        stdout = pipeFor(request.stdout());
        stderr = pipeFor(request.stderr());
        stdoutRead = read("stdout", stdout, request.stdout(), stdoutClosed);
        stderrRead = read("stderr", stderr, request.stderr(), stderrClosed);
    }

    /** After {@link #open()} failed: a pipe the loop reads ends at end of file; one it does not is closed. */
    void abandon() {
        release(stdout, stdoutRead);
        release(stderr, stderrRead);
    }

    ChildStreams streams(boolean foreground) {
        return ChildStreams.of(stdout, stderr, foreground);
    }

    /** Completes when every piped stream has reached end of file (at once, if nothing is piped). */
    CompletableFuture<Void> closed() {
        return CompletableFuture.allOf(stdoutClosed, stderrClosed);
    }

    /**
     * Once the spawn is over, whether a child started or not: our copy of each write end must go, or the loop would
     * never see end of file.
     */
    void closeWriteEnds() {
        if (stdout != null) stdout.closeWriteEnd();
        if (stderr != null) stderr.closeWriteEnd();
    }

    /** Names the pipes after the child in the loop's reports, and says which descriptor reads which child. */
    void started(int pid) {
        if (stdoutRead != null) stdoutRead.childStarted(pid);
        if (stderrRead != null) stderrRead.childStarted(pid);
        if ((stdoutRead != null || stderrRead != null) && LOG.isLoggable(System.Logger.Level.DEBUG)) {
            LOG.log(System.Logger.Level.DEBUG, "the pipe loop reads "
                    + (stdoutRead == null ? "" : stdoutRead.describe())
                    + (stdoutRead != null && stderrRead != null ? " and " : "")
                    + (stderrRead == null ? "" : stderrRead.describe()));
        }
    }

    private PolledPipe read(String stream, Pipe pipe, Output output, CompletableFuture<Void> closed) {
        if (pipe == null) {
            closed.complete(null);
            return null;
        }
        var sink = ((Output.Lines) output).sink();
        var lines = new LineDelivery("the " + stream + " reader of " + request.program(), sink, errors);
        var polled = new PolledPipe(pipe.readEnd(), stream, request.program(), lines, closed);
        loop.add(polled);
        return polled;
    }

    private static void release(Pipe pipe, PolledPipe read) {
        if (pipe == null) return;
        if (read != null) {
            pipe.closeWriteEnd();
        } else {
            pipe.closeBoth();
        }
    }

    private static Pipe pipeFor(Output output) {
        return output instanceof Output.Lines ? Pipe.forOutput() : null;
    }
}
