package io.autopilot.jobs;

import io.autopilot.process.ExitStatus;
import java.util.Optional;

/**
 * How a job ended for good.
 *
 * @param state one of the final states: {@code COMPLETED}, {@code GAVE_UP}, {@code TIMED_OUT}, {@code STOPPED}
 * @param lastExit the status of its last run; empty when it never ran. The main job's gives the agent's exit code.
 */
public record JobOutcome(String name, JobState state, Optional<ExitStatus> lastExit) {
}
