package io.autopilot.saved;

import io.autopilot.decode.FileMode;
import io.autopilot.files.FileWrite;
import io.autopilot.logging.Log;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The folder of last-known-good data ({@code lastKnownGood}): one file per template or watch, {@code <source>.json},
 * holding the answers it last acted on. Files are written atomically (staged beside, then renamed), readable by
 * the agent's user alone (mode 0600: a template reading a KV key saves its value), and read back at most
 * {@value #MAX_FILE} bytes. A file that cannot be used (truncated, of another format, of another source) is ignored
 * with one log line, never a failure: the template or watch then waits for Consul as it would without one.
 *
 * <p>Blocking: call off the event loop. Thread-safe.
 */
public final class SavedAnswers {
    /** What an off switch stores: nothing, and reads nothing. */
    public static final SavedAnswers NONE = new SavedAnswers(Optional.empty(), null);
    /** The queries' kinds, at the start of their names. */
    static final String SERVICE = "service:";
    static final String KEYS = "keys:";
    /**
     * The most a file may hold. A Consul answer is bounded already (10,000 entries, 4 MiB of text); a file larger
     * than this was not written by the agent.
     */
    static final long MAX_FILE = 64L * 1024 * 1024;
    private static final int OWNER_ONLY = 0600;

    private final Optional<Path> folder;
    private final Log log;
    /** The last failure to save, by source: each is logged once, not on every change. */
    private final Map<String, String> failures = new ConcurrentHashMap<>();

    private SavedAnswers(Optional<Path> folder, Log log) {
        this.folder = folder;
        this.log = log;
    }

    /** @param folder where the files go; created (mode 0700) on the first save */
    public static SavedAnswers in(Path folder, Log log) {
        return new SavedAnswers(Optional.of(folder.toAbsolutePath()), log);
    }

    public boolean enabled() {
        return folder.isPresent();
    }

    /** The name a service query is saved under. */
    public static String serviceQuery(String name, Optional<String> tag, Optional<String> datacenter) {
        return SERVICE + name + "|" + tag.orElse("") + "|" + datacenter.orElse("");
    }

    /** The name a KV query is saved under. */
    public static String keysQuery(String path, boolean prefix, Optional<String> datacenter) {
        return KEYS + path + "|" + (prefix ? "prefix" : "key") + "|" + datacenter.orElse("");
    }

    /** What {@code source} saved; empty when nothing was, or when the file cannot be used (logged). */
    public Optional<Saved> load(String source) {
        if (folder.isEmpty()) {
            return Optional.empty();
        }
        Path file = file(source);
        try {
            if (Files.size(file) > MAX_FILE) {
                throw new IllegalArgumentException("it is larger than " + MAX_FILE + " bytes");
            }
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
            return Optional.of(SavedJson.decode(source, text));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            String why = e instanceof CharacterCodingException ? "it is not UTF-8 text" : e.getMessage();
            log.warn("last-known-good data " + file + " is ignored: " + why);
            return Optional.empty();
        }
    }

    /** Replaces what {@code source} saved; a failure is logged (once per reason) and otherwise ignored. */
    public void save(String source, Saved saved) {
        if (folder.isEmpty()) {
            return;
        }
        Path file = file(source);
        try {
            if (!Files.isDirectory(folder.get())) {
                Files.createDirectories(folder.get(), PosixFilePermissions.asFileAttribute(FileMode.permissions(0700)));
            }
            Path staged = FileWrite.stage(file, SavedJson.encode(source, saved), Optional.of(OWNER_ONLY));
            FileWrite.install(staged, file);
            if (failures.remove(source) != null) {
                log.info("last-known-good data of " + source + " is saved again in " + file);
            }
        } catch (IOException | RuntimeException e) {
            String why = String.valueOf(e.getMessage());
            if (!why.equals(failures.put(source, why))) {
                log.warn("cannot save the last-known-good data of " + source + " in " + file + ": " + why
                        + " (give \"lastKnownGood\" a writable folder, such as a volume or a tmpfs, or false)");
            }
        }
    }

    /** Sources are {@code template.<name>} and {@code watch.<name>}; any other character is replaced. */
    private Path file(String source) {
        return folder.orElseThrow().resolve(source.replaceAll("[^A-Za-z0-9._-]", "_") + ".json");
    }
}
