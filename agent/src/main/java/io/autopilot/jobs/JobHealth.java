package io.autopilot.jobs;

import io.autopilot.events.Event;
import io.autopilot.health.CheckResult;
import io.autopilot.health.CheckSchedule;
import io.autopilot.health.HealthConfig;
import io.autopilot.health.HealthStatus;
import io.autopilot.logging.Log;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * A job's health check: runs {@code health.exec} as {@code check.<job>} while the job is active, publishes the check
 * process's {@code exitSuccess}/{@code exitFailed} from {@code check.<job>}, then {@code healthy} or
 * {@code unhealthy} from the job after every check, not only on a change (as ContainerPilot). Skipped while the agent
 * is in maintenance. Without {@code exec} nothing runs and nothing is published: refreshing a Consul TTL is the
 * registration's business. Confined to the job's context, except {@link #kill}.
 */
final class JobHealth {
    private static final int SIGKILL = 9;

    private final String job;
    private final JobContext jobs;
    private final Context context;
    private final Log log;
    private final Optional<Command> command;
    private final Optional<CheckSchedule> schedule;
    private final Runnable onChange;
    private volatile ProcessRun current;
    private HealthStatus status = HealthStatus.UNKNOWN;
    private boolean active;
    private boolean maintenance;

    /** @param onChange told, on the context, whenever {@link #status()} changes */
    JobHealth(String job, Optional<HealthConfig> config, JobContext jobs, Context context, Runnable onChange) {
        this.job = job;
        this.jobs = jobs;
        this.context = context;
        this.log = jobs.log().with("check", "check." + job);
        this.onChange = onChange;
        this.command = config.filter(h -> !h.exec().isEmpty())
                .map(h -> new Command(job, true, h.exec(), h.raw(), Optional.of(h.timeout())));
        this.schedule = config.filter(h -> !h.exec().isEmpty())
                .map(h -> new CheckSchedule(context, h.interval(), this::runCheck, this::onResult));
    }

    HealthStatus status() {
        return status;
    }

    /** The job started: health is unknown again, and checks run from now on, the first one at once. */
    void start() {
        active = true;
        setStatus(maintenance ? HealthStatus.MAINTENANCE : HealthStatus.UNKNOWN);
        if (!maintenance) {
            schedule.ifPresent(CheckSchedule::start);
        }
    }

    /** The job's process is gone (or the job stops): no more checks; a check in flight finishes unreported. */
    void stop() {
        active = false;
        schedule.ifPresent(CheckSchedule::stop);
    }

    void maintenance(boolean on) {
        maintenance = on;
        if (on) {
            schedule.ifPresent(CheckSchedule::stop);
            setStatus(HealthStatus.MAINTENANCE);
        } else if (active) {
            start();
        } else {
            setStatus(HealthStatus.UNKNOWN);
        }
    }

    /** Kills the check's process group if a check runs; any thread. */
    void kill() {
        ProcessRun run = current;
        if (run != null) {
            run.signal(SIGKILL);
        }
    }

    private Future<CheckResult> runCheck() {
        ProcessRun run = ProcessRun.start(jobs, context, log, command.orElseThrow(), true, pid -> { });
        current = run;
        return run.result().map(result -> {
            current = null;
            jobs.bus().publish(result.event("check." + job));
            return new CheckResult(result.success(), result.output());
        });
    }

    private void onResult(CheckResult result) {
        jobs.bus().publish(result.passing() ? new Event.Healthy(job) : new Event.Unhealthy(job, result.output()));
        setStatus(result.passing() ? HealthStatus.HEALTHY : HealthStatus.UNHEALTHY);
    }

    private void setStatus(HealthStatus next) {
        if (status != next) {
            status = next;
            onChange.run();
        }
    }
}
