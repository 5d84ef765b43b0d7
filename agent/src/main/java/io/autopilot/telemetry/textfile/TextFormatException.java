package io.autopilot.telemetry.textfile;

import java.io.Serial;

/** What makes a file's text not the Prometheus text format, with the line it is on; the file is then left out. */
final class TextFormatException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;
    private final int line;

    TextFormatException(int line, String message) {
        super(message, null, false, false);
        this.line = line;
    }

    int line() {
        return line;
    }
}
