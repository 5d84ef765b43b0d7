package io.autopilot.process;

import java.nio.file.Files;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;

/**
 * Starts children with {@code posix_spawnp} and owns the reaper that collects them. Pass the instance to whoever
 * spawns; obtain it once, through {@link #system()}.
 */
public final class Spawner {
    private final Reaper reaper;

    private Spawner(Reaper reaper) {
        this.reaper = reaper;
    }

    /**
     * The process's only spawner, started on first use. There is exactly one because a reaper waits for any child of
     * the process: a second one would steal the first one's exit statuses.
     */
    public static Spawner system() {
        return Instance.SPAWNER;
    }

    private static final class Instance {
        static final Spawner SPAWNER = start();

        private static Spawner start() {
            var reaper = new Reaper();
            reaper.start();
            return new Spawner(reaper);
        }
    }

    /**
     * Starts {@code request}. Returns {@link SpawnResult.Failed} if the program cannot be started (not found, not
     * executable, bad working directory, no file descriptors left); never throws for those.
     */
    public SpawnResult spawn(SpawnRequest request) {
        Pipe stdout = null;
        Pipe stderr = null;
        var stdoutClosed = new CompletableFuture<Void>();
        var stderrClosed = new CompletableFuture<Void>();
        var outputClosed = CompletableFuture.allOf(stdoutClosed, stderrClosed);
        Child child;
        try {
            stdout = pipeFor(request.stdout());
            stderr = pipeFor(request.stderr());
            try (var plan = new SpawnPlan(request, writeEnd(stdout), writeEnd(stderr))) {
                child = reaper.spawn(plan::start, pid -> new Child(pid, reaper, outputClosed));
            }
        } catch (NativeError e) {
            closeBoth(stdout, stderr);
            return failure(request, e.errno);
        } catch (RuntimeException e) {
            closeBoth(stdout, stderr);
            throw e;
        }
        drain(child, "stdout", stdout, request.stdout(), stdoutClosed);
        drain(child, "stderr", stderr, request.stderr(), stderrClosed);
        return new SpawnResult.Started(child);
    }

    /** How many processes the reaper collected that were not ours: orphaned descendants re-parented to us. */
    public long orphansReaped() {
        return reaper.orphansReaped();
    }

    /** Called with the pid of every orphan reaped, on the reaper thread (tini's {@code -w} warns about each one). */
    public void addOrphanListener(IntConsumer listener) {
        reaper.addOrphanListener(listener);
    }

    // posix_spawn reports a missing working directory as ENOENT, like a missing program; only the latter is 127.
    private static SpawnResult.Failed failure(SpawnRequest request, int errno) {
        var reason = Libc.strerror(errno);
        var dir = request.workingDirectory();
        if (dir.isPresent() && !Files.isDirectory(dir.get())) {
            var message = "working directory " + dir.get() + ": " + reason;
            return new SpawnResult.Failed(message, errno, ExitStatus.exited(126));
        }
        var status = ExitStatus.exited(errno == LinuxAbi.ENOENT ? 127 : 126);
        return new SpawnResult.Failed(request.program() + ": " + reason, errno, status);
    }

    // No child was started, so no reader owns the pipes yet.
    private static void closeBoth(Pipe... pipes) {
        for (var pipe : pipes) if (pipe != null) pipe.closeBoth();
    }

    private static Pipe pipeFor(Output output) {
        return output instanceof Output.Lines ? Pipe.open() : null;
    }

    private static int writeEnd(Pipe pipe) {
        return pipe == null ? -1 : pipe.writeEnd();
    }

    private static void drain(Child child, String stream, Pipe pipe, Output output, CompletableFuture<Void> closed) {
        if (pipe == null) {
            closed.complete(null);
            return;
        }
        pipe.closeWriteEnd();
        var sink = ((Output.Lines) output).sink();
        PipeReader.start("autopilot-" + stream + "-" + child.pid(), pipe.readEnd(), sink, closed);
    }
}
