package io.autopilot.core;

import io.autopilot.process.ExitStatus;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Decides the agent's exit code. What made the agent stop decides first: the main job's end (its code, 128+signal if
 * a signal killed it, 127/126 if it could not start) or a job that gave up and asked the agent to stop (the code it
 * asked for). After a TERM, the main job's code (it usually dies of the TERM: 143). Without a main job, the code of
 * the job that ended last, so a one-job configuration behaves like tini. 0 if no process ever ran; 1 if the agent
 * itself failed, and always 1 after a fatal internal error, whatever else happened.
 *
 * <p>Confined to the agent's context.
 */
final class ExitCodes {
    static final int AGENT_FAILED = 1;

    private OptionalInt cause = OptionalInt.empty();
    private OptionalInt main = OptionalInt.empty();
    private OptionalInt last = OptionalInt.empty();
    private boolean fatal;

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
        return last.orElse(0);
    }

    /** How a status reads in the log: {@code exit 3}, {@code killed by signal 15}. */
    static String describe(Optional<ExitStatus> status) {
        return status.map(s -> switch (s) {
            case ExitStatus.Exited exited -> "exit " + exited.code();
            case ExitStatus.Killed killed -> "killed by signal " + killed.signal();
        }).orElse("never ran");
    }
}
