package io.autopilot.process;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;

/** Both ends of a pipe made with {@code O_CLOEXEC}, so that no other child inherits them by accident. */
record Pipe(int readEnd, int writeEnd) {

    static Pipe open() {
        try (Arena arena = Arena.ofConfined()) {
            var fds = arena.allocate(JAVA_INT, 2);
            var state = Libc.callState(arena);
            if (Libc.pipe2(state, fds, LinuxAbi.O_CLOEXEC) != 0) throw new NativeError("pipe2", Libc.errno(state));
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
