package io.autopilot.process;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * The native arguments of one {@code posix_spawnp} call, prepared before the reaper lock is taken so that the lock is
 * held only for the spawn itself. Owned by the spawning thread; close it after {@link #start}.
 */
final class SpawnPlan implements AutoCloseable {
    private static final short FLAGS = LinuxAbi.POSIX_SPAWN_SETPGROUP | LinuxAbi.POSIX_SPAWN_SETSIGMASK
            | LinuxAbi.POSIX_SPAWN_SETSIGDEF;

    private final Arena arena = Arena.ofConfined();
    private final MemorySegment attributes = arena.allocate(LinuxAbi.SPAWN_ATTR_SIZE, 8);
    private final MemorySegment actions = arena.allocate(LinuxAbi.SPAWN_FILE_ACTIONS_SIZE, 8);
    private final MemorySegment pid = arena.allocate(JAVA_INT);
    private final MemorySegment file;
    private final MemorySegment argv;
    private final MemorySegment envp;
    private boolean attributesReady;
    private boolean actionsReady;

    SpawnPlan(SpawnRequest request, ChildStreams streams) {
        try {
            file = arena.allocateFrom(request.program());
            argv = cStrings(request.argv());
            envp = cStrings(request.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .toList());
            prepareAttributes(request.identity().isPresent());
            prepareActions(request, streams);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void prepareAttributes(boolean asAnotherUser) {
        NativeError.check("posix_spawnattr_init", Libc.call(Libc.Spawn.ATTR_INIT, attributes));
        attributesReady = true;
        // pgroup 0: the child leads a new process group, so kill(-pid) reaches everything it starts.
        NativeError.check("posix_spawnattr_setpgroup", Libc.call(Libc.Spawn.ATTR_SETPGROUP, attributes, 0));
        // Java threads block some signals (SIGQUIT among them) and a child would inherit that mask.
        var emptyMask = arena.allocate(LinuxAbi.SIGSET_SIZE, 8);
        NativeError.check("sigemptyset", Libc.call(Libc.Spawn.SIGEMPTYSET, emptyMask));
        NativeError.check("posix_spawnattr_setsigmask", Libc.call(Libc.Spawn.ATTR_SETSIGMASK, attributes, emptyMask));
        // Every signal back to SIG_DFL, including those ignored when the agent started: exec keeps SIG_IGN.
        var allSignals = arena.allocate(LinuxAbi.SIGSET_SIZE, 8);
        NativeError.check("sigfillset", Libc.call(Libc.Spawn.SIGFILLSET, allSignals));
        // glibc's sigfillset leaves out its internal signals 32 and 33, and posix_spawn sets every signal outside the
        // set that it has to touch to SIG_IGN in the child, which survives the exec (measured: SigIgn 0x180000000
        // in every child). Setting their bits by hand (bit n-1 of the first word is signal n) makes them SIG_DFL.
        allSignals.set(JAVA_LONG, 0, allSignals.get(JAVA_LONG, 0) | LinuxAbi.GLIBC_INTERNAL_SIGNALS);
        NativeError.check("posix_spawnattr_setsigdefault",
                Libc.call(Libc.Spawn.ATTR_SETSIGDEFAULT, attributes, allSignals));
        // The child takes its real ids (another user's, set on the spawning thread) as its effective ids too, before it
        // runs a file action or the program: see ThreadCredentials.
        short flags = asAnotherUser ? (short) (FLAGS | LinuxAbi.POSIX_SPAWN_RESETIDS) : FLAGS;
        NativeError.check("posix_spawnattr_setflags", Libc.call(Libc.Spawn.ATTR_SETFLAGS, attributes, flags));
    }

    private void prepareActions(SpawnRequest request, ChildStreams streams) {
        NativeError.check("posix_spawn_file_actions_init", Libc.call(Libc.Spawn.ACTIONS_INIT, actions));
        actionsReady = true;
        // dup2 clears FD_CLOEXEC on the copy, so the child keeps fds 0 to 2 although the pipe ends are CLOEXEC.
        if (streams.stdin() >= 0) {
            NativeError.check("posix_spawn_file_actions_adddup2", Libc.addDup2(actions, streams.stdin(), 0));
        } else if (request.stdin() == Input.NULL_DEVICE) {
            NativeError.check("posix_spawn_file_actions_addopen",
                    Libc.addOpen(actions, 0, arena.allocateFrom("/dev/null"), LinuxAbi.O_RDONLY));
        }
        // After the child's setpgid, with every signal blocked in the child: a process outside the foreground that
        // sets it would otherwise get SIGTTOU, which is why tini ignores that signal around its own tcsetpgrp.
        if (streams.foreground()) {
            NativeError.check("posix_spawn_file_actions_addtcsetpgrp_np", Libc.addTcsetpgrp(actions, 0));
        }
        if (streams.stdout() >= 0) {
            NativeError.check("posix_spawn_file_actions_adddup2", Libc.addDup2(actions, streams.stdout(), 1));
        }
        if (streams.stderr() >= 0) {
            NativeError.check("posix_spawn_file_actions_adddup2", Libc.addDup2(actions, streams.stderr(), 2));
        }
        if (request.workingDirectory().isPresent()) {
            var dir = arena.allocateFrom(request.workingDirectory().get().toString());
            NativeError.check("posix_spawn_file_actions_addchdir_np", Libc.call(Libc.Spawn.ADD_CHDIR, actions, dir));
        }
        // The JVM opens files without O_CLOEXEC (jars, FileInputStream): none of them may reach a child.
        NativeError.check("posix_spawn_file_actions_addclosefrom_np", Libc.call(Libc.Spawn.ADD_CLOSEFROM, actions, 3));
    }

    private MemorySegment cStrings(List<String> strings) {
        // allocate() zero-fills, so the last slot is the terminating NULL pointer.
        var array = arena.allocate(ADDRESS, strings.size() + 1L);
        for (int i = 0; i < strings.size(); i++) array.setAtIndex(ADDRESS, i, arena.allocateFrom(strings.get(i)));
        return array;
    }

    /** Returns the child's pid once it has executed the program (glibc waits for the exec); throws on failure. */
    int start() {
        NativeError.check("posix_spawnp", Libc.posixSpawnp(pid, file, actions, attributes, argv, envp));
        return pid.get(JAVA_INT, 0);
    }

    @Override
    public void close() {
        if (actionsReady) Libc.call(Libc.Spawn.ACTIONS_DESTROY, actions);
        if (attributesReady) Libc.call(Libc.Spawn.ATTR_DESTROY, attributes);
        arena.close();
    }
}
