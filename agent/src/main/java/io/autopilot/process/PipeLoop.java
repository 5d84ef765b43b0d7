package io.autopilot.process;

import java.lang.foreign.Arena;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads every child's piped stdout and stderr on one daemon thread, {@code autopilot-pipes}, which polls every open
 * read end at once ({@link PipeSet}) and hands the bytes to each pipe's {@link LineDelivery}.
 *
 * <p>Why this shape: the agent runs in every container, and each thread costs a stack, scheduling and, once it
 * allocates natively, a C library arena of its own; a thread per pipe made two per running child (a health check's
 * run included). A thread is still needed: {@code poll} and {@code read} are foreign calls, and a foreign call that
 * blocks pins a virtual thread to its carrier. The read ends do not block, so a child writing without pause never
 * keeps the loop in one {@code read}, and each round reads at most one buffer from each ready pipe. Pipes are added
 * from other threads through a queue, and a byte on the loop's own wake-up pipe makes a {@code poll} that is already
 * waiting return and take them.
 *
 * <p>The thread is started with the first pipe, so an agent whose children write to its own streams has none; once
 * started it stays, waiting in {@code poll} at no cost when no pipe is open, because a start per spawn would cost a
 * thread's creation each time a health check runs. A pipe is added before its child exists and owned by the loop from
 * then on: once the child exists, nothing can fail that would leave one of its pipes unread. A pipe costs a few
 * hundred bytes here, its line in hand aside; the set of pipes is bounded by the open-file limit, since each is a
 * descriptor of the agent's, and a round costs time in proportion to it. The loop survives what it catches
 * ({@link LoopErrors}) and pauses after an error rather than fail again at once.
 */
final class PipeLoop {
    private static final String THREAD = "autopilot-pipes";
    private static final long PAUSE_AFTER_ERROR_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final System.Logger LOG = System.getLogger(PipeLoop.class.getName());

    private final LoopErrors errors;
    private final Queue<PolledPipe> added = new ConcurrentLinkedQueue<>();
    private Pipe wakeUp; // guarded by this; set once, when the thread starts

    PipeLoop(LoopErrors errors) {
        this.errors = errors;
    }

    /**
     * Reads {@code pipe} from now on, and owns and closes its descriptor; the read end must not block
     * ({@link Pipe#forOutput()}). Throws only if the loop cannot start (the first call starts it: no descriptors
     * left for its wake-up pipe, no memory for its thread), and then the caller still owns the descriptor.
     */
    void add(PolledPipe pipe) {
        Pipe wakeUpPipe = start();
        added.add(pipe); // from here on the loop owns the descriptor: nothing below may throw
        wake(wakeUpPipe);
    }

    private synchronized Pipe start() {
        if (wakeUp == null) {
            var pipe = Pipe.forWakeUp();
            try {
                Thread.ofPlatform().name(THREAD).daemon().stackSize(256 * 1024).start(() -> run(pipe.readEnd()));
            } catch (RuntimeException | Error e) {
                pipe.closeBoth();
                throw e;
            }
            wakeUp = pipe;
        }
        return wakeUp;
    }

    // A full wake-up pipe (EAGAIN) already holds a wake-up that the loop has yet to read.
    private void wake(Pipe pipe) {
        try (Arena arena = Arena.ofConfined()) {
            var state = Libc.callState(arena);
            var one = arena.allocate(1);
            long written;
            do {
                written = Libc.write(state, pipe.writeEnd(), one, 1);
            } while (written < 0 && Libc.errno(state) == LinuxAbi.EINTR);
            if (written < 0 && Libc.errno(state) != LinuxAbi.EAGAIN) {
                var reason = Libc.strerror(Libc.errno(state));
                LOG.log(System.Logger.Level.WARNING, "cannot wake the pipe loop: {0}", reason);
            }
        } catch (Throwable t) {
            errors.report("a wake-up of the pipe loop", t);
        }
    }

    private void run(int wakeUpFd) {
        PipeSet pipes = null;
        while (true) {
            boolean calm;
            try {
                // Made here, not before the start, so that only this thread touches it; retried if memory is short.
                if (pipes == null) pipes = new PipeSet(wakeUpFd, added, errors);
                calm = pipes.round();
            } catch (Throwable t) {
                // The pipes and their deliveries contain their own failures: this is the loop's own work.
                errors.report("the pipe loop", t);
                calm = false;
            }
            if (!calm) LockSupport.parkNanos(PAUSE_AFTER_ERROR_NANOS);
        }
    }
}
