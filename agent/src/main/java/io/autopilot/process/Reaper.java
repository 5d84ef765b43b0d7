package io.autopilot.process;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;

/**
 * The one thread that waits for children, ours and orphans alike. It peeks with {@code waitid(P_ALL, WNOWAIT)},
 * which leaves the zombie in place, and only then, under {@link #lock}, reaps that one pid. The lock is what makes
 * attribution exact:
 * <ul>
 *   <li>a spawn registers its pid before releasing the lock, so a child that exits at once is never mistaken for an
 *       orphan (the reaper peeks it, then waits for the lock, then finds it registered);</li>
 *   <li>a signal is sent under the lock and only while the child is registered, i.e. not yet reaped, so its pid
 *       cannot have been recycled for another process; that includes the SIGKILL that ends the group of a child whose
 *       {@link Leftovers} say so, sent while the child is still an unreaped zombie.</li>
 * </ul>
 * With no child at all, {@code waitid} fails with ECHILD. As PID 1 the reaper then starts its {@link WaitAnchor}, a
 * child that lives as long as the agent, so that {@code waitid} blocks and wakes for every orphan too; elsewhere no
 * orphan can come without a child (orphans are descendants of our children), and the thread sleeps until the next
 * spawn. No SIGCHLD handler and no polling. The loop survives whatever it catches ({@link LoopErrors}).
 */
final class Reaper {
    private static final System.Logger LOG = System.getLogger(Reaper.class.getName());
    private static final long PAUSE_AFTER_ERROR_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long ANCHOR_RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition spawned = lock.newCondition();
    private final Map<Integer, Child> children = new HashMap<>(); // guarded by lock
    private final WaitAnchor anchor = new WaitAnchor(); // guarded by lock
    private long spawns; // guarded by lock
    private final AtomicLong orphans = new AtomicLong();
    private final List<IntConsumer> orphanListeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final LoopErrors errors;
    private boolean pidOne; // confined to the reaper thread
    private boolean anchorFailureReported; // confined to the reaper thread

    Reaper(LoopErrors errors) {
        this.errors = errors;
    }

    /**
     * Starts the thread and returns at once. The thread first makes us a subreaper and prepares the spawn functions
     * (the JVM's first foreign calls cost ~100 ms), overlapping with the agent's own start-up; spawns wait for it.
     */
    void start() {
        Thread.ofPlatform().name("autopilot-reaper").daemon().stackSize(256 * 1024).start(this::run);
    }

    // As PID 1 every orphan of the container comes to us anyway; elsewhere (development, tests, an agent that is not
    // PID 1) the subreaper flag makes orphaned descendants come to us instead of to the host's init.
    private void becomeSubreaper() {
        // The JDK knows our pid already (this does not start its process reaper); getpid would cost a binding.
        pidOne = ProcessHandle.current().pid() == 1;
        if (pidOne) return;
        if (Libc.prctl(LinuxAbi.PR_SET_CHILD_SUBREAPER, 1) != 0) {
            LOG.log(System.Logger.Level.WARNING, "prctl(PR_SET_CHILD_SUBREAPER) failed: orphans will not be reaped");
        }
    }

    /**
     * Starts a child and registers it before any reap can look at its pid. {@code start} returns the new pid or throws
     * {@link NativeError}.
     */
    Child spawn(IntSupplier start, IntFunction<Child> childOf) {
        // Not before the subreaper flag is set: a grandchild orphaned earlier would go to the host's init.
        ready.join();
        lock.lock();
        try {
            int pid = start.getAsInt();
            Child child = childOf.apply(pid);
            children.put(pid, child);
            spawns++;
            spawned.signal();
            return child;
        } finally {
            lock.unlock();
        }
    }

    boolean signalGroup(Child child, int signal) {
        lock.lock();
        try {
            return children.get(child.pid()) == child && Libc.kill(-child.processGroup(), signal) == 0;
        } finally {
            lock.unlock();
        }
    }

    long orphansReaped() {
        return orphans.get();
    }

    void addOrphanListener(IntConsumer listener) {
        orphanListeners.add(listener);
    }

    private void run() {
        try {
            becomeSubreaper();
            Libc.Spawn.prepare();
            Libc.preparePipes();
            ready.complete(null);
        } catch (Throwable t) {
            ready.completeExceptionally(t); // e.g. a C library without posix_spawn_file_actions_addclosefrom_np
            throw t;
        }
        try (Arena arena = Arena.ofConfined()) {
            var info = arena.allocate(LinuxAbi.SIGINFO_SIZE, 8);
            var state = Libc.callState(arena);
            while (true) {
                try {
                    waitOnce(info, state);
                } catch (Throwable t) {
                    // Whatever it was (a listener's error, a full heap), the next exit must still be reaped.
                    errors.report("the reaper", t);
                    LockSupport.parkNanos(PAUSE_AFTER_ERROR_NANOS);
                }
            }
        }
    }

    private void waitOnce(MemorySegment info, MemorySegment state) {
        long spawnsBefore = spawnCount();
        info.fill((byte) 0);
        if (Libc.waitid(state, LinuxAbi.P_ALL, 0, info, LinuxAbi.WEXITED | LinuxAbi.WNOWAIT) == 0) {
            int pid = info.get(JAVA_INT, LinuxAbi.SI_PID);
            if (pid > 0) reap(pid, info, state);
            return;
        }
        int errno = Libc.errno(state);
        if (errno == LinuxAbi.ECHILD) {
            withoutChildren(spawnsBefore);
        } else if (errno != LinuxAbi.EINTR) {
            LOG.log(System.Logger.Level.ERROR, "waitid failed: {0}", Libc.strerror(errno));
            LockSupport.parkNanos(ANCHOR_RETRY_NANOS);
        }
    }

    private long spawnCount() {
        lock.lock();
        try {
            return spawns;
        } finally {
            lock.unlock();
        }
    }

    // Orphans are descendants of our children, so without a child none can come, except as PID 1: a process that
    // entered the container from outside and was orphaned there goes to the namespace's init, child or no child.
    private void withoutChildren(long spawnsBefore) {
        if (!pidOne) {
            awaitSpawnAfter(spawnsBefore, false);
        } else if (!startAnchor()) {
            awaitSpawnAfter(spawnsBefore, true);
        }
    }

    private boolean startAnchor() {
        lock.lock();
        try {
            anchor.start();
            anchorFailureReported = false;
            return true;
        } catch (NativeError e) {
            if (!anchorFailureReported) {
                anchorFailureReported = true;
                LOG.log(System.Logger.Level.WARNING, "cannot start /bin/sh to keep the reaper waiting ({0}): while the"
                        + " agent has no child, orphans are reaped up to a second late", Libc.strerror(e.errno));
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    // The count was read before waitid: a spawn that slipped in between has changed it, so we never sleep while a
    // child exists. Bounded, the wait ends after a second anyway, for another try at the anchor.
    private void awaitSpawnAfter(long spawnsBefore, boolean bounded) {
        lock.lock();
        try {
            long left = ANCHOR_RETRY_NANOS;
            while (spawns == spawnsBefore && left > 0) {
                if (bounded) {
                    left = spawned.awaitNanos(left);
                } else {
                    spawned.awaitUninterruptibly();
                }
            }
        } catch (InterruptedException e) {
            // Nobody interrupts this thread; a stray interrupt only cuts this wait short.
        } finally {
            lock.unlock();
        }
    }

    private void reap(int pid, MemorySegment info, MemorySegment state) {
        Child child;
        ExitStatus status;
        lock.lock();
        try {
            child = children.get(pid);
            if (child != null && child.leftovers() == Leftovers.KILL) {
                // The child is an unreaped zombie, which keeps its group id from being recycled: safe to signal.
                Libc.kill(-pid, LinuxAbi.SIGKILL);
            }
            info.fill((byte) 0);
            // waitpid(pid, WNOHANG) in effect, through the peek's function shape: one foreign binding fewer.
            int result = Libc.waitid(state, LinuxAbi.P_PID, pid, info, LinuxAbi.WEXITED | LinuxAbi.WNOHANG);
            // glibc reaps a child whose exec failed itself, while the spawner holds this lock: the pid we peeked may
            // be gone (ECHILD). Nothing to report then.
            if (result != 0 || info.get(JAVA_INT, LinuxAbi.SI_PID) != pid) return;
            status = statusOf(info);
            children.remove(pid);
            if (anchor.is(pid)) {
                anchor.ended();
                LOG.log(System.Logger.Level.WARNING, "the reaper''s anchor (sh -c read autopilot_reaper_anchor)"
                        + " ended ({0}): starting another", status);
                return;
            }
        } finally {
            lock.unlock();
        }
        // Outside the lock: completing the future runs the caller's callbacks, which may spawn or signal.
        if (child != null) {
            child.reaped(status);
        } else {
            orphans.incrementAndGet();
            orphanListeners.forEach(listener -> notifyOrphan(listener, pid));
        }
    }

    private void notifyOrphan(IntConsumer listener, int pid) {
        try {
            listener.accept(pid);
        } catch (Throwable t) {
            errors.report("an orphan listener", t);
        }
    }

    private static ExitStatus statusOf(MemorySegment info) {
        int code = info.get(JAVA_INT, LinuxAbi.SI_CODE);
        int value = info.get(JAVA_INT, LinuxAbi.SI_STATUS);
        return switch (code) {
            case LinuxAbi.CLD_EXITED -> ExitStatus.exited(value & 0xff);
            case LinuxAbi.CLD_KILLED, LinuxAbi.CLD_DUMPED -> ExitStatus.killed(value);
            // Unreachable: with WEXITED only the codes above are reported. Throwing here would lose the status.
            default -> ExitStatus.exited(value & 0xff);
        };
    }
}
