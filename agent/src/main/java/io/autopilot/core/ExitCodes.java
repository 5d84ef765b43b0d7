package io.autopilot.core;

import io.autopilot.process.ExitStatus;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Decides the agent's exit code. What made the agent stop decides first: the main job's end (its code, 128+signal if
 * a signal killed it, 127/126 if it could not start) or a job that gave up and asked the agent to stop (the code it
 * asked for). After a TERM, the main job's code (it usually dies of the TERM: 143). Without a main job, the code of
 * the job that ended last, so a one-job configuration behaves like tini. If no job ever ran: 128+signal when a signal
 * stopped the agent (143 after a TERM, as the launcher and the JVM give for a TERM before the agent could take it),
 * else 0. 1 if the agent itself failed, and always 1 after a fatal internal error, whatever else happened.
 *
 * <p>Confined to the agent's context.
 */
final class ExitCodes {
    static final int AGENT_FAILED = 1;

    private OptionalInt cause = OptionalInt.empty();
    private OptionalInt main = OptionalInt.empty();
    private OptionalInt last = OptionalInt.empty();
    private boolean fatal;
    private OptionalInt signalled = OptionalInt.empty();

    void jobEnded(boolean isMain, Optional<ExitStatus> lastExit) {
        if (lastExit.isEmpty()) {
            return;
        }
        int code = lastExit.get().containerExitCode();
        last = OptionalInt.of(code);
        if (isMain && main.isEmpty()) {
            main = OptionalInt.of(code);
        }
    }

    /** The reason the agent stops, if it is the first one: later ends and requests do not change the code. */
    void stopsBecause(int code) {
        if (cause.isEmpty()) {
            cause = OptionalInt.of(code);
        }
    }

    /** A signal stopped the agent: the code if no job ever ran, as for a process the signal killed. */
    void stoppedBy(int signal) {
        if (signalled.isEmpty()) {
            signalled = OptionalInt.of(128 + signal);
        }
    }

    void agentFailed() {
        stopsBecause(AGENT_FAILED);
    }

    /** A part of the agent died: whatever stopped it first, the container must not look like it ended well. */
    void failedFatally() {
        fatal = true;
    }

    int code() {
        if (fatal) {
            return AGENT_FAILED;
        }
        if (cause.isPresent()) {
            return cause.getAsInt();
        }
        if (main.isPresent()) {
            return main.getAsInt();
        }
        return last.isPresent() ? last.getAsInt() : signalled.orElse(0);
    }

    /** How a status reads in the log: {@code exit 3}, {@code killed by signal 15}. */
    static String describe(Optional<ExitStatus> status) {
        return status.map(s -> switch (s) {
            case ExitStatus.Exited exited -> "exit " + exited.code();
            case ExitStatus.Killed killed -> "killed by signal " + killed.signal();
        }).orElse("never ran");
    }
}
