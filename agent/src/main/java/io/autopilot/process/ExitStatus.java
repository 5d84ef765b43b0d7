package io.autopilot.process;

/**
 * How a child ended: it exited with a code, or a signal killed it. A child that could not be started at all also gets
 * one of these (127 or 126, as shells report it), so that callers handle one shape of outcome.
 */
public sealed interface ExitStatus {

    /** The code a container reports for this outcome: the exit code, or 128 plus the signal number. */
    int containerExitCode();

    default boolean isSuccess() {
        return this instanceof Exited(int code) && code == 0;
    }

    static ExitStatus exited(int code) {
        return new Exited(code);
    }

    static ExitStatus killed(int signal) {
        return new Killed(signal);
    }

    /** The child called {@code exit(code)}; code is 0–255. */
    record Exited(int code) implements ExitStatus {
        public Exited {
            if (code < 0 || code > 255) throw new IllegalArgumentException("exit code out of range: " + code);
        }

        @Override
        public int containerExitCode() {
            return code;
        }
    }

    /** A signal ended the child (with or without a core dump). */
    record Killed(int signal) implements ExitStatus {
        public Killed {
            if (signal < 1 || signal > 127) throw new IllegalArgumentException("signal out of range: " + signal);
        }

        @Override
        public int containerExitCode() {
            return 128 + signal;
        }
    }
}
