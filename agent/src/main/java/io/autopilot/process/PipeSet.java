package io.autopilot.process;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;

/**
 * The pipes the {@link PipeLoop} reads, and one round of reading them: a {@code poll(2)} over the loop's wake-up pipe
 * and every open read end, then at most one read of up to {@link #BUFFER} bytes from each pipe that is ready, so
 * that a child writing without pause gets its share and never more. Every pipe is read through the same native
 * buffer and the same heap copy of it. Confined to the loop's thread.
 *
 * <p>A pipe ends when {@code read} returns end of file (no process holds its write end any more; a hang-up with data
 * still in the pipe is read to the end first, one chunk a round), or when {@code read} fails: never because of what
 * is done with the bytes ({@link LineDelivery} contains that), so no child is killed by SIGPIPE for it.
 */
final class PipeSet {
    private static final int BUFFER = 32 * 1024;
    private static final System.Logger LOG = System.getLogger(PipeSet.class.getName());
    private static final int INITIAL_ENTRIES = 16;

    private final int wakeUp;
    private final Queue<PolledPipe> added;
    private final LoopErrors errors;
    private final List<PolledPipe> pipes = new ArrayList<>();
    private final MemorySegment buffer = Arena.ofAuto().allocate(BUFFER);
    private final byte[] chunk = new byte[BUFFER];
    private final MemorySegment callState = Libc.callState(Arena.ofAuto());
    private MemorySegment entries = Arena.ofAuto().allocate(LinuxAbi.POLLFD_SIZE * INITIAL_ENTRIES, 8);
    private int polled;
    private boolean changed = true;

    /** @param wakeUp the read end of the pipe that other threads write to after adding to {@code added} */
    PipeSet(int wakeUp, Queue<PolledPipe> added, LoopErrors errors) {
        this.wakeUp = wakeUp;
        this.added = added;
        this.errors = errors;
    }

    /**
     * Waits until a pipe is ready or one is added, and serves what is ready. Returns false if something failed (and
     * was reported), so that the loop pauses before the next round instead of failing again at once.
     */
    boolean round() {
        takeAdded();
        if (changed) rebuild();
        if (Libc.poll(callState, entries, polled, -1) < 0) {
            int errno = Libc.errno(callState);
            if (errno == LinuxAbi.EINTR) return true;
            LOG.log(System.Logger.Level.WARNING, "poll over {0} pipes failed: {1}", polled - 1, Libc.strerror(errno));
            return false;
        }
        boolean calm = revents(0) == 0 || drainWakeUp(revents(0));
        for (int i = 1; i < polled; i++) {
            short revents = revents(i);
            if (revents == 0) continue;
            var pipe = pipes.get(i - 1);
            calm &= serve(pipe, revents);
            if (!pipe.isOpen()) changed = true;
        }
        return calm;
    }

    // Peek, add, then remove: a full heap in add leaves the pipe queued, never lost (a lost pipe is never read).
    private void takeAdded() {
        for (PolledPipe pipe; (pipe = added.peek()) != null; added.remove()) {
            pipes.add(pipe);
            changed = true;
        }
    }

    /** Drops the pipes that ended and writes the array that poll reads; the set counts as changed until it is done. */
    private void rebuild() {
        pipes.removeIf(pipe -> !pipe.isOpen());
        long needed = (pipes.size() + 1L) * LinuxAbi.POLLFD_SIZE;
        if (entries.byteSize() < needed) entries = Arena.ofAuto().allocate(Math.max(needed, 2 * entries.byteSize()), 8);
        entry(0, wakeUp);
        for (int i = 0; i < pipes.size(); i++) entry(i + 1, pipes.get(i).fd());
        polled = pipes.size() + 1;
        changed = false;
    }

    private void entry(int index, int fd) {
        long offset = index * LinuxAbi.POLLFD_SIZE;
        entries.set(JAVA_INT, offset + LinuxAbi.POLLFD_FD, fd);
        entries.set(JAVA_SHORT, offset + LinuxAbi.POLLFD_EVENTS, LinuxAbi.POLLIN);
    }

    private short revents(int index) {
        return entries.get(JAVA_SHORT, index * LinuxAbi.POLLFD_SIZE + LinuxAbi.POLLFD_REVENTS);
    }

    // The bytes mean nothing: the wake-up is that the loop runs another round, which takes the pipes added.
    private boolean drainWakeUp(short revents) {
        if ((revents & (LinuxAbi.POLLNVAL | LinuxAbi.POLLERR | LinuxAbi.POLLHUP)) != 0) {
            // Only if something closed the loop's own descriptors. Then poll returns at once, round after round: the
            // pipes are still served, and new ones taken, but after a pause each round.
            errors.report("the pipe loop", new IllegalStateException("its wake-up pipe is broken (poll events 0x"
                    + Integer.toHexString(revents) + ")"));
            return false;
        }
        Libc.read(callState, wakeUp, buffer, BUFFER);
        return true;
    }

    /** One read at most; returns false if it failed unexpectedly. */
    private boolean serve(PolledPipe pipe, short revents) {
        try {
            read(pipe, revents);
            return true;
        } catch (Throwable t) {
            errors.report("the pipe loop, reading " + pipe.describe(), t);
            return false;
        }
    }

    private void read(PolledPipe pipe, short revents) {
        if ((revents & LinuxAbi.POLLNVAL) != 0) {
            // Not open: something else closed the descriptor, and its number may already name another file.
            LOG.log(System.Logger.Level.WARNING, "{0} was closed under the pipe loop", pipe.describe());
            pipe.end(false);
            return;
        }
        long n = Libc.read(callState, pipe.fd(), buffer, BUFFER);
        if (n > 0) {
            MemorySegment.copy(buffer, JAVA_BYTE, 0, chunk, 0, (int) n);
            pipe.deliver(chunk, (int) n);
            return;
        }
        if (n == 0) {
            pipe.end(true);
            return;
        }
        int errno = Libc.errno(callState);
        if (errno == LinuxAbi.EINTR) return;
        // Ready yet empty: harmless once, but a hang-up or an error that read neither ends nor explains would be
        // reported again at once, round after round. A hang-up means no writer is left, so closing hurts no one.
        if (errno == LinuxAbi.EAGAIN && (revents & (LinuxAbi.POLLHUP | LinuxAbi.POLLERR)) == 0) return;
        LOG.log(System.Logger.Level.WARNING, "read from {0} failed: {1}", pipe.describe(), Libc.strerror(errno));
        pipe.end(true);
    }
}
