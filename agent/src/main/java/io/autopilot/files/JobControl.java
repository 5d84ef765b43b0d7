package io.autopilot.files;

import io.autopilot.jobs.JobRequest;
import io.autopilot.jobs.RequestOutcome;
import io.vertx.core.Future;

/** How a template asks a job for what follows a change of its file; fails for a job the agent does not have. */
@FunctionalInterface
public interface JobControl {
    Future<RequestOutcome> request(String job, JobRequest request);
}
