package io.autopilot.logging;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;

/**
 * The agent's standard output and error. The real ones are unbuffered streams on file descriptors 1 and 2, so an
 * entry reaches the container runtime in one {@code write(2)}, with no {@code PrintStream} buffer or charset
 * between; tests substitute their own.
 */
record Streams(OutputStream stdout, OutputStream stderr) {
    private static final Streams SYSTEM = new Streams(
            new FileOutputStream(FileDescriptor.out), new FileOutputStream(FileDescriptor.err));

    static Streams system() {
        return SYSTEM;
    }
}
