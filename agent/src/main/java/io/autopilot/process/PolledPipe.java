package io.autopilot.process;

import java.util.concurrent.CompletableFuture;

/**
 * One pipe that the {@link PipeLoop} reads: its read end, what becomes of its bytes, and the future that its end
 * completes. Confined to the loop's thread, except the child's pid, which the spawning thread learns a moment after
 * the loop has taken the pipe, and which only names the pipe in reports.
 */
final class PolledPipe {
    private static final System.Logger LOG = System.getLogger(PolledPipe.class.getName());

    private final int fd;
    private final String stream;
    private final String program;
    private final LineDelivery lines;
    private final CompletableFuture<Void> endOfFile;
    private volatile int pid;
    private long bytes;
    private boolean open = true;

    /** @param stream "stdout" or "stderr", of {@code program}: for reports */
    PolledPipe(int fd, String stream, String program, LineDelivery lines, CompletableFuture<Void> endOfFile) {
        this.fd = fd;
        this.stream = stream;
        this.program = program;
        this.lines = lines;
        this.endOfFile = endOfFile;
    }

    int fd() {
        return fd;
    }

    boolean isOpen() {
        return open;
    }

    /** Called by the spawning thread once the child exists. */
    void childStarted(int pid) {
        this.pid = pid;
    }

    /** E.g. "the stdout of pid 42 (/bin/sh) on fd 17"; without the pid until the child exists. */
    String describe() {
        int child = pid;
        var writer = child == 0 ? program : "pid " + child + " (" + program + ")";
        return "the " + stream + " of " + writer + " on fd " + fd;
    }

    /** The first {@code count} bytes of {@code chunk} were read; the caller reuses the array once this returns. */
    void deliver(byte[] chunk, int count) {
        bytes += count;
        lines.accept(chunk, count);
    }

    /**
     * Ends the pipe: the last line is delivered, the read end closed (unless {@code closeDescriptor} is false: a
     * descriptor that is no longer ours may already name another file) and only then the future completed, so that
     * whoever waits for it has every line.
     */
    void end(boolean closeDescriptor) {
        open = false; // first: whatever fails below, the loop must never poll this descriptor again
        try {
            lines.finish();
            if (closeDescriptor) Libc.close(fd);
            if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
                LOG.log(System.Logger.Level.DEBUG, "end of " + describe() + " after " + bytes + " bytes");
            }
        } finally {
            endOfFile.complete(null);
        }
    }
}
