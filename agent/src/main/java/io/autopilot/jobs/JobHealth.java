package io.autopilot.jobs;

import io.autopilot.events.Event;
import io.autopilot.health.CheckConfig;
import io.autopilot.health.CheckResult;
import io.autopilot.health.CheckSchedule;
import io.autopilot.health.CheckThreshold;
import io.autopilot.health.HealthConfig;
import io.autopilot.health.HealthStatus;
import io.autopilot.health.NetworkCheck;
import io.autopilot.health.Thresholds;
import io.autopilot.logging.Log;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;

/**
 * A job's health check, while the job is active: {@code health.exec} runs as {@code check.<job>} and publishes its
 * {@code exitSuccess}/{@code exitFailed} from that source; {@code http} and {@code tcp} checks are made by the agent
 * itself and publish nothing of their own. After every check the job publishes its health, as decided by the
 * thresholds: {@code healthy} or {@code unhealthy}, even when unchanged (ContainerPilot published after every check,
 * and a Consul TTL is refreshed by each {@code healthy}); nothing while the health is still unknown. Skipped while
 * the agent is in maintenance. Without a check nothing runs and nothing is published: refreshing a Consul TTL is the
 * registration's business. Confined to the job's context, except {@link #kill}.
 */
final class JobHealth {
    private static final int SIGKILL = 9;

    private final String job;
    private final JobContext jobs;
    private final Context context;
    private final Log log;
    private final Optional<CheckConfig> check;
    private final Duration timeout;
    private final Optional<Command> command;
    private final Optional<CheckSchedule> schedule;
    private final CheckThreshold threshold;
    private final Runnable onChange;
    private volatile ProcessRun current;
    private NetworkCheck network;
    private HealthStatus status = HealthStatus.UNKNOWN;
    private Optional<Duration> lastCheck = Optional.empty();
    /** How long the run whose result comes next took: set as it completes, just before its result is reported. */
    private Duration took = Duration.ZERO;
    private boolean active;
    private boolean maintenance;

    /** @param onChange told, on the context, whenever {@link #status()} changes and after every reported check */
    JobHealth(JobConfig owner, JobContext jobs, Context context, Runnable onChange) {
        Optional<HealthConfig> config = owner.health();
        this.job = owner.name();
        this.jobs = jobs;
        this.context = context;
        this.log = jobs.log().with("check", "check." + job);
        this.onChange = onChange;
        this.check = config.flatMap(HealthConfig::check);
        this.timeout = config.map(HealthConfig::timeout).orElse(Duration.ZERO);
        this.command = config.filter(h -> !h.exec().isEmpty())
                .map(h -> Command.ofCheck(owner, h));
        this.schedule = config.filter(h -> h.check().isPresent())
                .map(h -> new CheckSchedule(context, h.interval(), this::timedCheck, this::onResult));
        this.threshold = new CheckThreshold(config.map(HealthConfig::thresholds).orElse(Thresholds.AT_ONCE));
    }

    HealthStatus status() {
        return status;
    }

    /** How long the last reported check took; empty before the first. */
    Optional<Duration> lastCheck() {
        return lastCheck;
    }

    /** The job started: health is unknown again, and checks run from now on, the first one at once. */
    void start() {
        active = true;
        threshold.reset();
        setStatus(maintenance ? HealthStatus.MAINTENANCE : HealthStatus.UNKNOWN);
        if (!maintenance) {
            startChecks();
        }
    }

    /** The job's process is gone (or the job stops): no more checks; a check in flight finishes unreported. */
    void stop() {
        active = false;
        stopChecks();
    }

    void maintenance(boolean on) {
        maintenance = on;
        if (on) {
            stopChecks();
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

    private void startChecks() {
        if (network == null) {
            network = check.flatMap(c -> NetworkCheck.of(jobs.vertx(), c, timeout)).orElse(null);
        }
        schedule.ifPresent(CheckSchedule::start);
    }

    private void stopChecks() {
        schedule.ifPresent(CheckSchedule::stop);
        if (network != null) {
            network.close();
            network = null;
        }
    }

    private Future<CheckResult> timedCheck() {
        long started = System.nanoTime();
        return runCheck().andThen(done -> took = Duration.ofNanos(System.nanoTime() - started));
    }

    private Future<CheckResult> runCheck() {
        if (network != null) {
            return network.run();
        }
        ProcessRun run = ProcessRun.start(jobs, context, log, command.orElseThrow(), true, pid -> { });
        current = run;
        return run.result().map(result -> {
            current = null;
            jobs.bus().publish(result.event("check." + job));
            return new CheckResult(result.success(), result.output());
        });
    }

    private void onResult(CheckResult result) {
        if (network != null && !result.passing()) {
            log.info(result.output());
        }
        lastCheck = Optional.of(took);
        boolean changed = threshold.record(result).map(health -> {
            jobs.bus().publish(health.passing() ? new Event.Healthy(job) : new Event.Unhealthy(job, health.output()));
            return setStatus(health.passing() ? HealthStatus.HEALTHY : HealthStatus.UNHEALTHY);
        }).orElse(false);
        if (!changed) {
            onChange.run(); // the check's duration
        }
    }

    /** @return whether it changed, and {@code onChange} was told */
    private boolean setStatus(HealthStatus next) {
        if (status == next) {
            return false;
        }
        status = next;
        onChange.run();
        return true;
    }
}
