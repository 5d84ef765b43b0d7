package io.autopilot.telemetry.textfile;

import io.autopilot.decode.TextFile;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One read of the folder of {@code telemetry.textfiles}: its {@code *.prom} files in name order, not its subfolders,
 * not its dotfiles (a writer's temporary file, until it is renamed into place). Blocking: it runs on a thread of its
 * own, never on the event loop.
 *
 * <p>Every file is bounded, and so is the whole: a folder anyone can write to must not exhaust the agent's 32 MB heap
 * or make a scrape endless. A file that is not a regular file (a FIFO would block its reader for good) is skipped.
 * A problem leaves out that file only.
 */
final class TextfileFolder {
    static final int MAX_FILES = 100;
    static final int MAX_FILE_BYTES = 1 << 20;
    static final int MAX_SAMPLES = 10_000;
    private static final String SUFFIX = ".prom";

    private TextfileFolder() {
    }

    /**
     * What one read found.
     *
     * @param modified each file read without a problem, in name order, and when it was last modified, in seconds
     *     since the epoch
     * @param problems each as {@code file:line: what}, in name order
     */
    record Read(List<TextfileFamily> families, Map<Path, Double> modified, List<String> problems) {
        Read {
            families = List.copyOf(families);
            modified = Collections.unmodifiableMap(new LinkedHashMap<>(modified));
            problems = List.copyOf(problems);
        }
    }

    static Read read(Path folder) {
        List<String> problems = new ArrayList<>();
        List<TextfileFamily> families = new ArrayList<>();
        Map<Path, Double> modified = new LinkedHashMap<>();
        int samples = 0;
        for (String name : names(folder, problems)) {
            Path file = folder.resolve(name);
            try {
                // Read before the content: a file replaced meanwhile then looks older than it is, never fresher.
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                if (!attributes.isRegularFile()) {
                    problems.add(file + ": not a regular file; skipped");
                    continue;
                }
                String text = TextFile.read(file, file.toString(), MAX_FILE_BYTES, "a metrics textfile");
                TextFormatParser.Parsed parsed = TextFormatParser.parse(file, text, MAX_SAMPLES - samples);
                families.addAll(parsed.families());
                samples += parsed.samples();
                modified.put(file, attributes.lastModifiedTime().toMillis() / 1000.0);
            } catch (NoSuchFileException e) {
                // Removed since the folder was listed: it is simply not there any more.
            } catch (IOException e) {
                problems.add(file + ": cannot be read: " + e.getMessage());
            } catch (TextFile.Unreadable e) {
                problems.add(e.getMessage());
            } catch (TextFormatException e) {
                problems.add(file + ":" + e.line() + ": " + e.getMessage());
            }
        }
        return new Read(families, modified, problems);
    }

    /** The first {@link #MAX_FILES} names of {@code *.prom} files in name order; past that, a problem. */
    private static TreeSet<String> names(Path folder, List<String> problems) {
        TreeSet<String> names = new TreeSet<>();
        int beyond = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.endsWith(SUFFIX) && !name.startsWith(".")) {
                    names.add(name);
                    if (names.size() > MAX_FILES) {
                        names.pollLast();
                        beyond++;
                    }
                }
            }
        } catch (NoSuchFileException e) {
            problems.add(folder + ": no such folder");
        } catch (NotDirectoryException e) {
            problems.add(folder + ": not a folder");
        } catch (IOException | DirectoryIteratorException e) {
            problems.add(folder + ": cannot be read: " + e.getMessage());
        }
        if (beyond > 0) {
            problems.add(folder + ": more than " + MAX_FILES + " *.prom files; the first " + MAX_FILES
                    + " in name order are read, " + beyond + " left out");
        }
        return names;
    }
}
