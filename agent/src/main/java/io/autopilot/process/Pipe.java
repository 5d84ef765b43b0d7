package io.autopilot.process;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;

/** Both ends of a pipe made with {@code O_CLOEXEC}, so that no other child inherits them by accident. */
record Pipe(int readEnd, int writeEnd) {

    /** Both ends blocking, as a child expects of its stdin. */
    static Pipe open() {
        return open(LinuxAbi.O_CLOEXEC);
    }

    /**
     * For a child's output, read by the {@link PipeLoop}: the read end does not block, the write end, which becomes
     * the child's stdout or stderr, does. {@code O_NONBLOCK} belongs to the open file, which a child's copy of the
     * descriptor shares, and {@code pipe2} sets it on both ends: a child whose stdout does not block gets EAGAIN from
     * a write to a full pipe, and most programs take that for an error and lose the output or stop. The two ends are
     * two open files, so setting the flag on the read end alone leaves the child's end as it was.
     */
    static Pipe forOutput() {
        var pipe = open();
        try (Arena arena = Arena.ofConfined()) {
            var state = Libc.callState(arena);
            // A new pipe's read end has no other status flag to keep.
            if (Libc.fcntl(state, pipe.readEnd, LinuxAbi.F_SETFL, LinuxAbi.O_NONBLOCK) != 0) {
                throw new NativeError("fcntl", Libc.errno(state));
            }
            return pipe;
        } catch (RuntimeException | Error e) {
            pipe.closeBoth();
            throw e;
        }
    }

    /** Both ends non-blocking: the pipe loop's own wake-up, written by other threads, never by a child. */
    static Pipe forWakeUp() {
        return open(LinuxAbi.O_CLOEXEC | LinuxAbi.O_NONBLOCK);
    }

    private static Pipe open(int flags) {
        try (Arena arena = Arena.ofConfined()) {
            var fds = arena.allocate(JAVA_INT, 2);
            var state = Libc.callState(arena);
            if (Libc.pipe2(state, fds, flags) != 0) throw new NativeError("pipe2", Libc.errno(state));
            return new Pipe(fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1));
        }
    }

    /** Our copy of the write end must go once the child has its own, or the reader would never see end of file. */
    void closeWriteEnd() {
        Libc.close(writeEnd);
    }

    void closeBoth() {
        Libc.close(readEnd);
        Libc.close(writeEnd);
    }
}
