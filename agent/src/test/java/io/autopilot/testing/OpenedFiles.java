package io.autopilot.testing;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every opening of a file in one folder, seen by the kernel (fanotify permission events) while the opener waits:
 * each opening is recorded with the file's name and permissions at that instant, then allowed. For a file opened
 * with {@code O_CREAT} the instant is just after the kernel created it, before the creator can write a byte, so the
 * recorded permissions are those the file was born with. Needs CAP_SYS_ADMIN (the tests run as root).
 */
public final class OpenedFiles implements AutoCloseable {
    /** One opening: the file's name in the folder and its permissions then ({@code rw-------}). */
    public record Opening(String name, String permissions) {
    }

    private static final int FAN_CLOEXEC = 0x1;
    private static final int FAN_NONBLOCK = 0x2;
    private static final int FAN_CLASS_CONTENT = 0x4;
    private static final int FAN_MARK_ADD = 0x1;
    private static final long FAN_OPEN_PERM = 0x10000;
    private static final long FAN_EVENT_ON_CHILD = 0x8000000;
    private static final int FAN_ALLOW = 0x1;
    private static final int O_LARGEFILE_CLOEXEC = 0x8000 | 0x80000;
    private static final int AT_FDCWD = -100;
    private static final short POLLIN = 1;
    private static final int EVENT_SIZE = 24; // struct fanotify_event_metadata: len, vers, reserved, len, mask, fd, pid

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle INIT = bind("fanotify_init", FunctionDescriptor.of(JAVA_INT, JAVA_INT,
            JAVA_INT));
    private static final MethodHandle MARK = bind("fanotify_mark", FunctionDescriptor.of(JAVA_INT, JAVA_INT,
            JAVA_INT, JAVA_LONG, JAVA_INT, ADDRESS));
    private static final MethodHandle POLL = bind("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG,
            JAVA_INT));
    private static final MethodHandle READ = bind("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS,
            JAVA_LONG));
    private static final MethodHandle WRITE = bind("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS,
            JAVA_LONG));
    private static final MethodHandle CLOSE = bind("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    private final List<Opening> openings = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final int fanotify;
    private final Thread reader;
    private volatile boolean closed;

    private OpenedFiles(int fanotify) {
        this.fanotify = fanotify;
        this.reader = Thread.ofPlatform().daemon().name("opened-files").start(this::answer);
    }

    /** Starts recording the openings of files directly in {@code folder}. */
    public static OpenedFiles in(Path folder) throws Throwable {
        int fd = (int) INIT.invokeExact(FAN_CLOEXEC | FAN_NONBLOCK | FAN_CLASS_CONTENT, O_LARGEFILE_CLOEXEC);
        if (fd < 0) {
            throw new IllegalStateException("fanotify_init failed: openings can be watched only with CAP_SYS_ADMIN");
        }
        try (Arena arena = Arena.ofConfined()) {
            int marked = (int) MARK.invokeExact(fd, FAN_MARK_ADD, FAN_OPEN_PERM | FAN_EVENT_ON_CHILD, AT_FDCWD,
                    arena.allocateFrom(folder.toString()));
            if (marked != 0) {
                int ignored = (int) CLOSE.invokeExact(fd);
                throw new IllegalStateException("fanotify_mark on " + folder + " failed");
            }
        }
        return new OpenedFiles(fd);
    }

    /** The openings so far, in order. */
    public List<Opening> openings() {
        if (!failures.isEmpty()) {
            throw new IllegalStateException("watching openings failed", failures.getFirst());
        }
        return List.copyOf(openings);
    }

    private void answer() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment poll = arena.allocate(8);
            MemorySegment events = arena.allocate(EVENT_SIZE * 64L, 8);
            MemorySegment response = arena.allocate(8);
            while (!closed) {
                poll.set(JAVA_INT, 0, fanotify);
                poll.set(JAVA_SHORT, 4, POLLIN);
                if ((int) POLL.invokeExact(poll, 1L, 50) <= 0) {
                    continue;
                }
                long length = (long) READ.invokeExact(fanotify, events, events.byteSize());
                for (long at = 0; at + EVENT_SIZE <= length; at += events.get(JAVA_INT, at)) {
                    int fd = events.get(JAVA_INT, at + 16);
                    record(fd);
                    response.set(JAVA_INT, 0, fd);
                    response.set(JAVA_INT, 4, FAN_ALLOW);
                    long written = (long) WRITE.invokeExact(fanotify, response, 8L);
                    int ignored = (int) CLOSE.invokeExact(fd);
                }
            }
        } catch (Throwable t) {
            failures.add(t);
        }
    }

    private void record(int fd) {
        Path link = Path.of("/proc/self/fd/" + fd);
        try {
            openings.add(new Opening(Files.readSymbolicLink(link).getFileName().toString(),
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(link))));
        } catch (IOException e) {
            failures.add(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        reader.join();
        try {
            // Closing the group answers every opening still waiting with "allow".
            int ignored = (int) CLOSE.invokeExact(fanotify);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @SuppressWarnings("restricted") // the tests run with native access granted
    private static MethodHandle bind(String name, FunctionDescriptor shape) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), shape);
    }
}
