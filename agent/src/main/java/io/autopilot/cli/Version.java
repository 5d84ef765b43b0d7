package io.autopilot.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The build's version and commit, written into the jar by the build. */
record Version(String version, String commit) {
    static Version current() {
        Properties properties = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String commit = properties.getProperty("commit", "");
        // Built outside a git checkout, the placeholder stays unreplaced.
        return new Version(properties.getProperty("version", "unknown"),
                commit.isBlank() || commit.startsWith("${") ? "unknown" : commit);
    }

    /** As ContainerPilot prints it, so scripts that read it keep working. */
    String describe() {
        return "Version: " + version + "\nGitHash: " + commit + "\n";
    }
}
