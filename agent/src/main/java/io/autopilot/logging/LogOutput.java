package io.autopilot.logging;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** Where rendered entries go: {@code stdout}, {@code stderr} or a file. Thread-safe; never throws on write. */
sealed interface LogOutput permits StreamOutput, FileOutput {

    /** Writes one whole entry in one write. False only if the output was closed (the log was reconfigured). */
    boolean write(byte[] entry);

    /** Reopens a file by its path (after log rotation); a no-op for the standard streams. */
    void reopen();

    void close();

    /** {@code stdout} and {@code stderr} are matched ignoring case, as ContainerPilot did; anything else is a path. */
    static LogOutput open(String output, Streams streams) throws IOException {
        return switch (output.toLowerCase(Locale.ROOT)) {
            case "stdout" -> StreamOutput.stdout(streams);
            case "stderr" -> StreamOutput.stderr(streams);
            default -> FileOutput.open(Path.of(output), streams.stderr());
        };
    }
}
