package io.autopilot.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout the tests run in: the folder above the working directory that holds {@code scripts/} and {@code pom.xml}. */
public final class Repository {
    private Repository() {
    }

    public static Path root() {
        for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
            if (Files.isRegularFile(folder.resolve("pom.xml")) && Files.isDirectory(folder.resolve("scripts"))) {
                return folder;
            }
        }
        throw new IllegalStateException("no folder with pom.xml and scripts/ above " + Path.of("").toAbsolutePath());
    }
}
