package io.autopilot.logging;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A log file, appended to ({@code O_APPEND}), created with mode 0644 when missing. {@link #reopen()} opens the path
 * again and closes the old descriptor, so after logrotate has renamed the file the rotated file keeps every line
 * written before the reopen and the new file gets every line after it (ContainerPilot's test_reopen).
 *
 * <p>A {@code FileOutputStream} rather than a {@code FileChannel}: a channel is closed for every thread when one
 * thread is interrupted inside a write, and jobs interrupt their threads. One lock orders writes, reopen and close,
 * so an entry is never split, and a reopen from the signal thread never closes a descriptor under a writer.
 */
final class FileOutput implements LogOutput {
    private final Path path;
    private final WriteFailures failures;
    private final ReentrantLock lock = new ReentrantLock();
    private OutputStream file; // guarded by lock; null once closed

    private FileOutput(Path path, OutputStream file, WriteFailures failures) {
        this.path = path;
        this.file = file;
        this.failures = failures;
    }

    /** Fails when the file cannot be opened: a configuration error, reported before anything runs. */
    static FileOutput open(Path path, OutputStream stderr) throws IOException {
        return new FileOutput(path, append(path), new WriteFailures(stderr, "the log file " + path));
    }

    @Override
    public boolean write(byte[] entry) {
        lock.lock();
        try {
            if (file == null) {
                return false;
            }
            file.write(entry);
            failures.succeeded();
        } catch (IOException e) {
            failures.failed("write to", e);
        } finally {
            lock.unlock();
        }
        return true;
    }

    /** If the path cannot be opened again, the old file stays in use: a line in the rotated file beats a lost one. */
    @Override
    public void reopen() {
        lock.lock();
        try {
            if (file == null) {
                return;
            }
            OutputStream reopened = append(path);
            closeQuietly(file);
            file = reopened;
        } catch (IOException e) {
            failures.failed("reopen", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (file != null) {
                closeQuietly(file);
                file = null;
            }
        } finally {
            lock.unlock();
        }
    }

    private static OutputStream append(Path path) throws IOException {
        try {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        } catch (FileAlreadyExistsException e) {
            // Appending to an existing log is the normal case.
        }
        return new FileOutputStream(path.toFile(), true);
    }

    private static void closeQuietly(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // The descriptor is released even when close reports a late write error; nothing more to do.
        }
    }
}
