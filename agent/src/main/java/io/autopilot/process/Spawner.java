package io.autopilot.process;

import java.nio.file.Files;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;

/**
 * Starts children with {@code posix_spawnp} and owns the reaper that collects them. Pass the instance to whoever
 * spawns; obtain it once, through {@link #system()}.
 */
public final class Spawner {
    private static final Set<String> CREDENTIAL_CALLS = Set.of("setgroups", "setresgid", "setresuid", "getgroups",
            "getresuid", "getresgid");

    private final Reaper reaper;
    private final PipeLoop pipes;
    private final LoopErrors errors;
    private final OomCounters oomCounters = OomCounters.system();
    private final AgentPrivileges privileges;
    private final IdentitySpawns identities;

    private Spawner(Reaper reaper, PipeLoop pipes, LoopErrors errors, AgentPrivileges privileges) {
        this.reaper = reaper;
        this.pipes = pipes;
        this.errors = errors;
        this.privileges = privileges;
        this.identities = new IdentitySpawns(errors);
    }

    /** The OOM killer's counts in the agent's cgroup: read before a spawn and after a SIGKILL death, they tell why. */
    public OomCounters oomCounters() {
        return oomCounters;
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
            var errors = new LoopErrors();
            var reaper = new Reaper(errors);
            reaper.start();
            // Its thread starts with the first piped output.
            return new Spawner(reaper, new PipeLoop(errors), errors, AgentPrivileges.read());
        }
    }

    /**
     * Starts {@code request}. Returns {@link SpawnResult.Failed} if the program cannot be started (not found, not
     * executable, bad working directory, no file descriptors left, a user the agent may not become); never throws for
     * those. A request with an {@link Identity} is started on a thread of its own ({@link IdentitySpawns}).
     */
    public SpawnResult spawn(SpawnRequest request) {
        var identity = request.identity();
        // Who the agent is already needs no switch (its POSIX_SPAWN_RESETIDS then changes nothing).
        if (identity.isEmpty() || privileges.isAlready(identity.get())) {
            return spawn(request, null);
        }
        if (!privileges.canSwitch()) {
            return new SpawnResult.Failed(privileges.refusal(identity.get()), LinuxAbi.EPERM, ExitStatus.exited(126));
        }
        try {
            return identities.run(credentials -> spawn(request, credentials));
        } catch (NativeError e) {
            return failure(request, e); // the thread could not read its own credentials
        }
    }

    /** @param credentials the spawning thread's, when the child runs as {@code request}'s identity; else null */
    private SpawnResult spawn(SpawnRequest request, ThreadCredentials credentials) {
        var terminal = request.stdin() == Input.INHERIT ? Terminal.forChild() : Terminal.Share.STDIN;
        var output = new OutputPipes(request, pipes, errors);
        try {
            output.open();
        } catch (NativeError e) {
            output.abandon();
            return failure(request, e.errno);
        } catch (RuntimeException | Error e) {
            output.abandon();
            throw e;
        }
        try {
            return start(request, terminal, output, credentials);
        } finally {
            output.closeWriteEnds();
        }
    }

    private SpawnResult start(SpawnRequest request, Terminal.Share terminal, OutputPipes output,
                              ThreadCredentials credentials) {
        boolean foreground = terminal == Terminal.Share.FOREGROUND;
        if (foreground) Terminal.yieldForeground();
        var actual = terminal == Terminal.Share.NOTHING ? request.withStdin(Input.NULL_DEVICE) : request;
        try (var plan = new SpawnPlan(actual, output.streams(foreground))) {
            IntSupplier start = credentials == null ? plan::start
                    : () -> credentials.spawnAs(request.identity().orElseThrow(), plan::start);
            var child = reaper.spawn(start, pid -> new Child(pid, reaper, request.leftovers(), output.closed()));
            output.started(child.pid());
            return new SpawnResult.Started(child);
        } catch (NativeError e) {
            return failure(request, e);
        }
    }

    /** How many processes the reaper collected that were not ours: orphaned descendants re-parented to us. */
    public long orphansReaped() {
        return reaper.orphansReaped();
    }

    /** Called with the pid of every orphan reaped, on the reaper thread (tini's {@code -w} warns about each one). */
    public void addOrphanListener(IntConsumer listener) {
        reaper.addOrphanListener(listener);
    }

    /**
     * Who is told when the reaper or the pipe loop catches an error of the JVM itself (an {@link OutOfMemoryError}):
     * the loop goes on as best it can, but the agent is no longer sound. Called on that loop's thread, perhaps more
     * than once. Until set, such an error is logged at ERROR. Returns the handler it replaces.
     */
    public Consumer<Throwable> onFatalError(Consumer<Throwable> handler) {
        return errors.onFatalError(handler);
    }

    /** Errors the reaper and the pipe loop caught and survived (a failing line sink, a full heap). */
    public long errorsSurvived() {
        return errors.survived();
    }

    private static SpawnResult.Failed failure(SpawnRequest request, NativeError error) {
        if (!CREDENTIAL_CALLS.contains(error.call)) return failure(request, error.errno);
        var message = "cannot run as user " + request.identity().orElseThrow() + ": " + error.call + ": "
                + Libc.strerror(error.errno);
        return new SpawnResult.Failed(message, error.errno, ExitStatus.exited(126));
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
}
