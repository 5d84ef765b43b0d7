package io.autopilot.process;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Optional;

/**
 * The glibc functions the package calls, bound through the foreign linker. Every distinct function shape (descriptor
 * plus options) costs 5–15 ms of start-up when first bound (measured here: 6–12 ms each, after ~100 ms for the first
 * foreign call of the JVM), so the functions share a handful of shapes, and each group lives in a holder class that
 * the JVM initialises only on first use: an agent that never signals a child never binds {@code kill}. Functions of
 * the {@code posix_spawn} family return an error number; the others return -1 and set errno, which the linker
 * captures where the caller needs it (the JVM may overwrite errno between two calls).
 */
final class Libc {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(PathElement.groupElement("errno"));
    static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    // The shared shapes: P = pointer, I = int, L = long; the letters after '_' are the return type.
    private static final FunctionDescriptor P_I = FunctionDescriptor.of(JAVA_INT, ADDRESS);
    private static final FunctionDescriptor PI_I = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT);
    private static final FunctionDescriptor PP_I = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS);

    private Libc() {}

    /** Memory for one errno capture; reuse it across calls on one thread. */
    static MemorySegment callState(Arena arena) {
        return arena.allocate(CALL_STATE);
    }

    static int errno(MemorySegment callState) {
        return (int) ERRNO.get(callState, 0L);
    }

    @SuppressWarnings("restricted") // the agent's launcher and tests grant native access
    static MethodHandle bind(String name, FunctionDescriptor shape, Linker.Option... options) {
        var symbol = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("glibc has no " + name));
        return LINKER.downcallHandle(symbol, shape, options);
    }

    /** For a function younger than the C libraries the agent runs on: empty where it is missing. */
    @SuppressWarnings("restricted") // the agent's launcher and tests grant native access
    private static Optional<MethodHandle> bindIfPresent(String name, FunctionDescriptor shape) {
        return LINKER.defaultLookup().find(name).map(symbol -> LINKER.downcallHandle(symbol, shape));
    }

    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
    }

    /** What every spawn needs; bound together on the first spawn. */
    static final class Spawn {
        // posix_spawnattr_setflags takes a C short. It is bound with the int shape it shares with its neighbours:
        // on x86-64 and AArch64 both travel in the same register and the callee reads the low 16 bits.
        static final MethodHandle ATTR_INIT = bind("posix_spawnattr_init", P_I);
        static final MethodHandle ATTR_DESTROY = bind("posix_spawnattr_destroy", P_I);
        static final MethodHandle ATTR_SETFLAGS = bind("posix_spawnattr_setflags", PI_I);
        static final MethodHandle ATTR_SETPGROUP = bind("posix_spawnattr_setpgroup", PI_I);
        static final MethodHandle ATTR_SETSIGMASK = bind("posix_spawnattr_setsigmask", PP_I);
        static final MethodHandle ATTR_SETSIGDEFAULT = bind("posix_spawnattr_setsigdefault", PP_I);
        static final MethodHandle SIGEMPTYSET = bind("sigemptyset", P_I);
        static final MethodHandle SIGFILLSET = bind("sigfillset", P_I);
        static final MethodHandle ACTIONS_INIT = bind("posix_spawn_file_actions_init", P_I);
        static final MethodHandle ACTIONS_DESTROY = bind("posix_spawn_file_actions_destroy", P_I);
        static final MethodHandle ADD_CLOSEFROM = bind("posix_spawn_file_actions_addclosefrom_np", PI_I);
        static final MethodHandle ADD_CHDIR = bind("posix_spawn_file_actions_addchdir_np", PP_I);
        static final MethodHandle ADD_OPEN = bind("posix_spawn_file_actions_addopen",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
        static final MethodHandle SPAWNP = bind("posix_spawnp",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        static final MethodHandle CLOSE = bind("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

        private Spawn() {}

        /**
         * Binds the group and links each call once, harmlessly, so that the first real spawn does not pay for it:
         * measured, 25–35 ms of the first spawn went into linking the call sites, after the binding itself.
         */
        static void prepare() {
            try (Arena arena = Arena.ofConfined()) {
                var attributes = arena.allocate(LinuxAbi.SPAWN_ATTR_SIZE, 8);
                var actions = arena.allocate(LinuxAbi.SPAWN_FILE_ACTIONS_SIZE, 8);
                var set = arena.allocate(LinuxAbi.SIGSET_SIZE, 8);
                call(ATTR_INIT, attributes);
                call(ATTR_SETFLAGS, attributes, 0);
                call(SIGEMPTYSET, set);
                call(ATTR_SETSIGMASK, attributes, set);
                call(ATTR_DESTROY, attributes);
                call(ACTIONS_INIT, actions);
                addOpen(actions, 0, arena.allocateFrom("/dev/null"), LinuxAbi.O_RDONLY);
                call(ACTIONS_DESTROY, actions);
                close(-1);
            }
        }
    }

    /** Only spawns with piped output need these. */
    private static final class Pipes {
        static final MethodHandle PIPE2 = bind("pipe2", PI_I, CAPTURE_ERRNO);
        static final MethodHandle ADD_DUP2 = bind("posix_spawn_file_actions_adddup2",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
        // fcntl is variadic: int fcntl(int fd, int cmd, ...); the argument of F_SETFL is an int.
        static final MethodHandle FCNTL = bind("fcntl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT),
                CAPTURE_ERRNO, Linker.Option.firstVariadicArg(2));
    }

    /**
     * Binds and links what a spawn with piped output and the pipe loop call, once, on a pipe of its own, so that the
     * first job's spawn does not pay for it: each new shape of foreign call spins a class at its first binding and
     * links its call site at its first call, and these were on the path from exec to the first job's process:
     * measured, from {@code startup} to the job's process running took 70 ms (median of 14) without this, 34 ms with.
     */
    static void preparePipes() {
        try (Arena arena = Arena.ofConfined()) {
            var state = callState(arena);
            var fds = arena.allocate(JAVA_INT, 2);
            if (pipe2(state, fds, LinuxAbi.O_CLOEXEC) != 0) {
                return; // out of descriptors now: the first spawn binds what is left
            }
            int readEnd = fds.getAtIndex(JAVA_INT, 0);
            int writeEnd = fds.getAtIndex(JAVA_INT, 1);
            var actions = arena.allocate(LinuxAbi.SPAWN_FILE_ACTIONS_SIZE, 8);
            call(Spawn.ACTIONS_INIT, actions);
            addDup2(actions, writeEnd, 1);
            call(Spawn.ACTIONS_DESTROY, actions);
            fcntl(state, readEnd, LinuxAbi.F_SETFL, LinuxAbi.O_NONBLOCK);
            var bytes = arena.allocate(1);
            write(state, writeEnd, bytes, 1);
            var pollFd = arena.allocate(LinuxAbi.POLLFD_SIZE, 4);
            pollFd.set(JAVA_INT, LinuxAbi.POLLFD_FD, readEnd);
            pollFd.set(JAVA_SHORT, LinuxAbi.POLLFD_EVENTS, LinuxAbi.POLLIN);
            poll(state, pollFd, 1, 0);
            read(state, readEnd, bytes, 1);
            close(readEnd);
            close(writeEnd);
        }
    }

    /** Calls a {@code posix_spawn*} or {@code sig*set} helper that takes one pointer. */
    static int call(MethodHandle handle, MemorySegment a) {
        try {
            return (int) handle.invokeExact(a);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int call(MethodHandle handle, MemorySegment a, int b) {
        try {
            return (int) handle.invokeExact(a, b);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int call(MethodHandle handle, MemorySegment a, MemorySegment b) {
        try {
            return (int) handle.invokeExact(a, b);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int addDup2(MemorySegment actions, int fd, int newFd) {
        try {
            return (int) Pipes.ADD_DUP2.invokeExact(actions, fd, newFd);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int addOpen(MemorySegment actions, int fd, MemorySegment path, int flags) {
        try {
            return (int) Spawn.ADD_OPEN.invokeExact(actions, fd, path, flags, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Returns 0 or an error number, like every function of the family. */
    static int posixSpawnp(MemorySegment pid, MemorySegment file, MemorySegment actions, MemorySegment attr,
                           MemorySegment argv, MemorySegment envp) {
        try {
            return (int) Spawn.SPAWNP.invokeExact(pid, file, actions, attr, argv, envp);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int pipe2(MemorySegment callState, MemorySegment fds, int flags) {
        try {
            return (int) Pipes.PIPE2.invokeExact(callState, fds, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code fcntl(fd, cmd, argument)} for a command that takes an int; returns -1 and sets errno on failure. */
    static int fcntl(MemorySegment callState, int fd, int cmd, int argument) {
        try {
            return (int) Pipes.FCNTL.invokeExact(callState, fd, cmd, argument);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int close(int fd) {
        try {
            return (int) Spawn.CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Only a spawn that may hand the terminal to its child needs these. */
    private static final class Tty {
        // The (int) -> int shape of close(), already bound by then.
        static final MethodHandle TCGETPGRP = bind("tcgetpgrp", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        static final MethodHandle GETPGID = bind("getpgid", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        // glibc 2.35 and later; 2.34, which has every other function used here, lacks it.
        static final Optional<MethodHandle> ADD_TCSETPGRP = bindIfPresent("posix_spawn_file_actions_addtcsetpgrp_np",
                PI_I);
    }

    /** The foreground process group of the terminal {@code fd}, if it is the caller's controlling terminal; else -1. */
    static int tcgetpgrp(int fd) {
        try {
            return (int) Tty.TCGETPGRP.invokeExact(fd);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The process group of {@code pid}; 0 for the caller's. */
    static int getpgid(int pid) {
        try {
            return (int) Tty.GETPGID.invokeExact(pid);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static boolean canSpawnInForeground() {
        return Tty.ADD_TCSETPGRP.isPresent();
    }

    /**
     * Adds the spawn action that makes the child's process group the foreground group of the terminal {@code fd}.
     * Call only if {@link #canSpawnInForeground()}.
     */
    static int addTcsetpgrp(MemorySegment actions, int fd) {
        try {
            return (int) Tty.ADD_TCSETPGRP.orElseThrow().invokeExact(actions, fd);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final class Wait {
        static final MethodHandle WAITID = bind("waitid",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), CAPTURE_ERRNO);
    }

    static int waitid(MemorySegment callState, int idType, int id, MemorySegment info, int options) {
        try {
            return (int) Wait.WAITID.invokeExact(callState, idType, id, info, options);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The pipe loop's calls; write shares read's shape. */
    private static final class Poll {
        private static final FunctionDescriptor IPL_L = FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG);
        static final MethodHandle READ = bind("read", IPL_L, CAPTURE_ERRNO);
        static final MethodHandle WRITE = bind("write", IPL_L, CAPTURE_ERRNO);
        static final MethodHandle POLL = bind("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT),
                CAPTURE_ERRNO);
    }

    static long read(MemorySegment callState, int fd, MemorySegment buffer, long count) {
        try {
            return (long) Poll.READ.invokeExact(callState, fd, buffer, count);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static long write(MemorySegment callState, int fd, MemorySegment buffer, long count) {
        try {
            return (long) Poll.WRITE.invokeExact(callState, fd, buffer, count);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Returns how many of the {@code count} entries of {@code fds} have events, or -1 and sets errno. */
    static int poll(MemorySegment callState, MemorySegment fds, long count, int timeoutMillis) {
        try {
            return (int) Poll.POLL.invokeExact(callState, fds, count, timeoutMillis);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final class Kill {
        static final MethodHandle KILL = bind("kill", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    }

    /** Returns 0 on success, -1 if no process received the signal. */
    static int kill(int pid, int signal) {
        try {
            return (int) Kill.KILL.invokeExact(pid, signal);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final class Prctl {
        // prctl is variadic: int prctl(int option, ...); the second argument travels as an unsigned long.
        static final MethodHandle PRCTL = bind("prctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG),
                Linker.Option.firstVariadicArg(1));
    }

    static int prctl(int option, long argument) {
        try {
            return (int) Prctl.PRCTL.invokeExact(option, argument);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final class Sigaction {
        static final MethodHandle SIGACTION = bind("sigaction",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    }

    static int sigaction(int signal, MemorySegment action, MemorySegment previous) {
        try {
            return (int) Sigaction.SIGACTION.invokeExact(signal, action, previous);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final class Strerror {
        static final MethodHandle STRERROR = bind("strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    }

    /** The C library's text for an error number, e.g. "No such file or directory". */
    @SuppressWarnings("restricted") // the returned pointer has no size; glibc's messages are far below 1 KiB
    static String strerror(int errno) {
        try {
            // Since glibc 2.32 strerror returns static text for every known number, so reading it is thread safe.
            var text = (MemorySegment) Strerror.STRERROR.invokeExact(errno);
            return text.reinterpret(1024).getString(0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }
}
