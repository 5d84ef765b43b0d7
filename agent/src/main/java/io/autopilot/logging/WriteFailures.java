package io.autopilot.logging;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reports a log output's I/O failures on stderr: the first of a run, not every entry of a full disk. A later
 * successful write re-arms it. The log keeps going either way; nothing is thrown to the code that logged.
 * Callers hold their output's lock.
 */
final class WriteFailures {
    private final OutputStream stderr;
    private final String target;
    private boolean reported;

    WriteFailures(OutputStream stderr, String target) {
        this.stderr = stderr;
        this.target = target;
    }

    void failed(String action, IOException error) {
        if (reported) {
            return;
        }
        reported = true;
        String line = "autopilot: cannot " + action + " " + target + ": " + describe(error)
                + " (further failures are not reported until a write succeeds)\n";
        try {
            stderr.write(line.getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException ignored) {
            // stderr is gone too: nowhere left to say it.
        }
    }

    void succeeded() {
        reported = false;
    }

    private static String describe(IOException error) {
        return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    }
}
