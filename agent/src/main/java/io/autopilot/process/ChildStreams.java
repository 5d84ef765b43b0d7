package io.autopilot.process;

/**
 * The descriptors one spawn gives its child in place of the request's defaults: a pipe end for stdin, stdout or
 * stderr, or -1 for what the request says ({@code /dev/null} or the agent's own stream); and whether the child's new
 * process group takes the foreground of the terminal on its stdin.
 */
record ChildStreams(int stdin, int stdout, int stderr, boolean foreground) {

    static ChildStreams of(Pipe stdout, Pipe stderr, boolean foreground) {
        return new ChildStreams(-1, writeEnd(stdout), writeEnd(stderr), foreground);
    }

    /** Reads its stdin from {@code fd}; stdout and stderr as the request says. */
    static ChildStreams readingFrom(int fd) {
        return new ChildStreams(fd, -1, -1, false);
    }

    private static int writeEnd(Pipe pipe) {
        return pipe == null ? -1 : pipe.writeEnd();
    }
}
