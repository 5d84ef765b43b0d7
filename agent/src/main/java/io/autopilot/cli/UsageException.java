package io.autopilot.cli;

/** The command line cannot be understood; the agent prints the message and exits 2. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
