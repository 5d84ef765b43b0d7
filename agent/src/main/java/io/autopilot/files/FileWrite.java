package io.autopilot.files;

import io.autopilot.decode.FileMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replacing a template's destination so that no reader ever sees half a file: the text goes into a staged file
 * beside the destination (same folder, so the same file system), readable by its owner alone until it is flushed to
 * disk and given the replaced file's owner and its mode, then checked, and only then renamed over the destination,
 * itself flushed with its folder.
 * Blocking: run off the event loop.
 */
public final class FileWrite {
    /** What a new file gets when no mode is given, as consul-template. */
    static final int DEFAULT_MODE = 0644;
    private static final int OWNER = 0700;

    private FileWrite() {
    }

    /** Whether {@code destination} holds exactly {@code text} already. */
    static boolean holds(Path destination, String text) throws IOException {
        try {
            return Arrays.equals(Files.readAllBytes(destination), text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /**
     * Writes {@code text} to a new file beside {@code destination}, creating missing folders. The file is born
     * readable by its owner alone, so no one else can open it while the text goes in (an open file stays readable
     * whatever its mode later becomes); it gets its owner and then its mode only once the text is in. The mode is set
     * rather than passed to the creation, which the umask would mask.
     *
     * @param mode the staged file's permission bits; empty for those of the file it will replace, else 0644
     */
    public static Path stage(Path destination, String text, Optional<Integer> mode) throws IOException {
        Path folder = destination.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path staged = folder.resolve("." + destination.getFileName() + ".autopilot-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE));
        Optional<PosixFileAttributes> replaced = attributes(destination);
        int bits = mode.orElseGet(() -> replaced.map(a -> FileMode.mode(a.permissions())).orElse(DEFAULT_MODE));
        try (FileChannel channel = FileChannel.open(staged, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(FileMode.permissions(bits & OWNER)))) {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
            if (replaced.isPresent()) {
                keepOwner(staged, replaced.get());
            }
            Files.setPosixFilePermissions(staged, FileMode.permissions(bits));
        } catch (IOException e) {
            discard(staged);
            throw e;
        }
        return staged;
    }

    /** Renames the staged file over the destination, then flushes the folder so the rename itself is durable. */
    public static void install(Path staged, Path destination) throws IOException {
        try {
            Files.move(staged, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            discard(staged);
            throw new IOException("cannot replace " + destination + " atomically: " + e.getMessage(), e);
        }
        try (FileChannel folder = FileChannel.open(destination.toAbsolutePath().getParent(),
                StandardOpenOption.READ)) {
            folder.force(true);
        } catch (IOException e) {
            // Some file systems refuse to open or sync a folder; the rename has happened all the same.
        }
    }

    static void discard(Path staged) {
        try {
            Files.deleteIfExists(staged);
        } catch (IOException e) {
            // Left behind with a name that says what it is; the next render stages under a new name.
        }
    }

    private static Optional<PosixFileAttributes> attributes(Path destination) throws IOException {
        try {
            return Optional.of(Files.readAttributes(destination, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** The file an operator made for another user keeps that owner; only root may give files away, so try. */
    private static void keepOwner(Path staged, PosixFileAttributes replaced) {
        try {
            Files.setOwner(staged, replaced.owner());
            Files.getFileAttributeView(staged, PosixFileAttributeView.class)
                    .setGroup(replaced.group());
        } catch (IOException | UnsupportedOperationException e) {
            // Not root: the file belongs to the agent's user, as any file it creates.
        }
    }
}
