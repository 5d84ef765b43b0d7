package io.autopilot.control;

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Objects;
import java.util.Set;

/**
 * The control socket's file. The server binds in a private staging folder (mode 0700) beside the final path; the
 * socket gets its mode there and is then renamed into place. So the socket is never reachable with the umask's mode,
 * not even for a moment (unless the staging path would be too long for a socket), and a stale socket is replaced in
 * one atomic step. A live one (another agent answers on it) is never replaced: ContainerPilot unlinked whatever was
 * there, cutting the other agent off from its clients.
 *
 * <p>All methods block on the file system: call them off the event loop.
 */
final class SocketFile {
    private static final int TYPE_MASK = 0170000;
    private static final int SOCKET_TYPE = 0140000;
    /** {@code sun_path} holds 108 bytes on Linux; the JDK binds and connects paths of at most 106. */
    private static final int MAX_PATH_BYTES = 106;

    private final Path path;
    private final Set<PosixFilePermission> permissions;
    private Path staging;
    private Object fileKey;

    SocketFile(Path path, Set<PosixFilePermission> permissions) {
        this.path = path.toAbsolutePath();
        this.permissions = Set.copyOf(permissions);
    }

    Path path() {
        return path;
    }

    /**
     * Checks the final path and returns where the server should bind: in the staging folder, or, when that path would
     * be too long for a socket, at the final path itself (a stale socket removed first), given its mode once bound.
     */
    Path prepare() throws ControlException {
        if (bytes(path) > MAX_PATH_BYTES) {
            throw new ControlException("cannot serve at " + path + ": the path is " + bytes(path) + " bytes long, and"
                    + " a Unix socket's may be at most " + MAX_PATH_BYTES + "; choose a shorter control.socket");
        }
        Path parent = path.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new ControlException("cannot serve at " + path + ": the folder " + parent + " does not exist");
        }
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            refuseUnlessStale();
        }
        try {
            staging = Files.createTempDirectory(parent, ".c"); // owner-only on POSIX file systems
            if (bytes(staging.resolve("s")) <= MAX_PATH_BYTES) {
                return staging.resolve("s");
            }
            cleanUp();
            Files.deleteIfExists(path); // stale, as checked above
            return path;
        } catch (AccessDeniedException e) {
            // An agent that is not root (an image's USER line) cannot write where the default socket goes.
            throw new ControlException("cannot serve at " + path + ": cannot create a file in " + parent
                    + " (permission denied to the agent's user" + ownUid() + "): set control.socket to a path in a"
                    + " folder that user can write");
        } catch (IOException e) {
            throw new ControlException("cannot serve at " + path + ": cannot create a file in " + parent + " ("
                    + e.getMessage() + ")");
        }
    }

    // /proc/self belongs to the process's effective user.
    private static String ownUid() {
        try {
            return ", uid " + Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static int bytes(Path socket) {
        return socket.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    /** Gives the bound socket its mode and moves it to the final path, replacing a stale socket. */
    void publish(Path bound) throws IOException {
        Files.setPosixFilePermissions(bound, permissions);
        if (!bound.equals(path)) {
            Files.move(bound, path, StandardCopyOption.ATOMIC_MOVE);
        }
        fileKey = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        cleanUp();
    }

    /** Removes the socket, unless another agent has replaced it since; and the staging folder, if left. */
    void remove() {
        try {
            Object current = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .fileKey();
            if (fileKey != null && Objects.equals(current, fileKey)) {
                Files.delete(path);
            }
        } catch (NoSuchFileException e) {
            // already gone
        } catch (IOException e) {
            // Nothing more can be done on the way out; a stale socket is replaced at the next start.
        }
        fileKey = null;
        cleanUp();
    }

    private void cleanUp() {
        if (staging == null) {
            return;
        }
        try {
            Files.deleteIfExists(staging.resolve("s"));
            Files.deleteIfExists(staging);
        } catch (IOException e) {
            // a leftover empty folder is harmless
        }
        staging = null;
    }

    private void refuseUnlessStale() throws ControlException {
        int mode;
        try {
            mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException e) {
            throw new ControlException("cannot serve at " + path + ": " + e.getMessage());
        }
        if ((mode & TYPE_MASK) != SOCKET_TYPE) {
            throw new ControlException("cannot serve at " + path + ": a file that is not a socket is there; remove it"
                    + " or choose another control.socket");
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(path));
        } catch (ConnectException e) {
            return; // nobody listens: stale, left by an agent that was killed
        } catch (IOException e) {
            throw new ControlException("cannot serve at " + path + ": cannot tell whether another agent uses it ("
                    + e.getMessage() + ")");
        }
        throw new ControlException("another agent is listening at " + path + ": stop it or choose another"
                + " control.socket");
    }
}
