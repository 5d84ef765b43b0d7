package io.autopilot.control;

import io.autopilot.jobs.JobRequest;
import io.autopilot.jobs.JobSnapshot;
import io.autopilot.jobs.RequestOutcome;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the control plane asks of the running agent beyond the bus; the agent's core implements it. Every method may
 * be called from any thread and returns at once: slow work completes a future.
 */
public interface ControlledAgent {
    /** Sets variables for later children and later renders of the configuration ({@code POST /v3/environ}). */
    void putEnvironment(Map<String, String> values);

    /** Re-reads the configuration ({@code POST /v3/reload}) and tells what came of it. */
    Future<ReloadAnswer> reload();

    /** Why a value cannot be taken for the metric {@code name} (a counter cannot go down; values are finite); empty if it can. */
    Optional<String> metricProblem(String name, double value);

    /** Every job's snapshot, in configuration order. */
    List<JobSnapshot> jobs();

    /** Passes an operator's request to the job {@code name}; empty when there is no such job. */
    Optional<Future<RequestOutcome>> request(String job, JobRequest request);

    /** What a reload did, for the client that asked for it. */
    sealed interface ReloadAnswer {
        /** The new configuration runs; {@code summary} says what it restarted. */
        record Applied(String summary) implements ReloadAnswer {
        }

        /** The new configuration is invalid, one line per problem; the agent runs on with the old one. */
        record Rejected(List<String> problems) implements ReloadAnswer {
            public Rejected {
                problems = List.copyOf(problems);
            }
        }

        /** The agent cannot reload now (it is stopping, or cannot reload at all). */
        record Refused(String reason) implements ReloadAnswer {
        }
    }
}
