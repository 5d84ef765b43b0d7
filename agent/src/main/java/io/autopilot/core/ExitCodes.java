package io.autopilot.core;

import io.autopilot.process.ExitStatus;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Decides the agent's exit code from how its jobs ended. With a main job, its code (128+signal if a signal killed
 * it; 127/126 if it could not be started). Without one, the code of the job that ended last, so that a one-job
 * configuration behaves like tini. 0 if no process ever ran; 1 if the agent itself failed.
 *
 * <p>Confined to the agent's context.
 */
final class ExitCodes {
    static final int AGENT_FAILED = 1;

    private OptionalInt main = OptionalInt.empty();
    private OptionalInt last = OptionalInt.empty();
    private boolean agentFailed;

    void jobEnded(boolean isMain, Optional<ExitStatus> lastExit) {
        if (lastExit.isEmpty()) {
            return;
        }
        int code = lastExit.get().containerExitCode();
        last = OptionalInt.of(code);
        if (isMain && main.isEmpty()) {
            // The first main job to end decides: it is the one that ended the agent.
            main = OptionalInt.of(code);
        }
    }

    void agentFailed() {
        agentFailed = true;
    }

    int code() {
        if (main.isPresent()) {
            return main.getAsInt();
        }
        if (agentFailed) {
            return AGENT_FAILED;
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
