package io.autopilot.jobs;

import io.autopilot.decode.Fields;
import io.autopilot.decode.KeyPath;
import io.autopilot.discovery.LockConfig;
import io.autopilot.discovery.ServiceConfig;
import io.autopilot.health.HealthConfig;
import io.autopilot.users.RunAs;
import io.autopilot.users.UserDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One entry of {@code jobs}: a process (or none, for a registration-only job), what starts it, how it restarts, how
 * it is checked and how it is registered in Consul.
 *
 * @param exec the argv; empty for a job that runs nothing
 * @param service present when the job has a {@code port}: then it is registered in Consul
 * @param timeout how long one run may take before its process group is killed; for periodic jobs it defaults to the
 *     interval
 * @param stopTimeout how long this job waits, when stopping, for the jobs that run on its {@code stopping} event
 * @param raw whether the process's output bypasses the agent's log ({@code logging.raw})
 * @param main whether this is the main job: when it ends for good, the agent stops everything else and exits with
 *     its exit code
 * @param stopSignal the signal (a name such as {@code SIGTERM}) sent to the process group to stop the job
 * @param backoff how long the job waits before each restart
 * @param onGiveUp what happens when its last run failed and no restart is left
 * @param lock the Consul lock each run holds, so that the job runs on one agent at a time (ours)
 * @param interactive whether its process gets the agent's stdin and, on a terminal, the terminal's foreground, as
 *     tini gives them: only the command after {@code --} does, never a job of the file
 * @param runAs the user (and group) its processes and its health check run as; empty for the agent's own
 * @param environment which of the agent's variables its processes get, and which it sets
 * @param rolling the semaphore its requested restarts take, so few instances of its service restart at once (ours)
 */
public record JobConfig(
        String name,
        List<String> exec,
        WhenConfig when,
        RestartPolicy restarts,
        Optional<Duration> timeout,
        Duration stopTimeout,
        Optional<HealthConfig> health,
        Optional<ServiceConfig> service,
        boolean raw,
        boolean main,
        String stopSignal,
        BackoffConfig backoff,
        GiveUpAction onGiveUp,
        boolean interactive,
        Optional<RunAs> runAs,
        JobEnvironment environment,
        Optional<LockConfig> lock,
        Optional<RollingConfig> rolling) {

    public JobConfig {
        exec = List.copyOf(exec);
    }

    /** Without {@code rolling}. */
    public JobConfig(String name, List<String> exec, WhenConfig when, RestartPolicy restarts,
                     Optional<Duration> timeout, Duration stopTimeout, Optional<HealthConfig> health,
                     Optional<ServiceConfig> service, boolean raw, boolean main, String stopSignal,
                     BackoffConfig backoff, GiveUpAction onGiveUp, boolean interactive, Optional<RunAs> runAs,
                     JobEnvironment environment, Optional<LockConfig> lock) {
        this(name, exec, when, restarts, timeout, stopTimeout, health, service, raw, main, stopSignal, backoff,
                onGiveUp, interactive, runAs, environment, lock, Optional.empty());
    }

    /** As the agent's own user, with the agent's whole environment, without a lock. */
    public JobConfig(String name, List<String> exec, WhenConfig when, RestartPolicy restarts,
                     Optional<Duration> timeout, Duration stopTimeout, Optional<HealthConfig> health,
                     Optional<ServiceConfig> service, boolean raw, boolean main, String stopSignal,
                     BackoffConfig backoff, GiveUpAction onGiveUp, boolean interactive) {
        this(name, exec, when, restarts, timeout, stopTimeout, health, service, raw, main, stopSignal, backoff,
                onGiveUp, interactive, Optional.empty(), JobEnvironment.INHERIT, Optional.empty(), Optional.empty());
    }

    /**
     * Decodes one job; empty when a required part is missing (the problems say which).
     *
     * @param sources every event source the configuration defines, to catch a {@code when.source} that names nothing
     */
    public static Optional<JobConfig> decode(Fields fields, KeyPath path, Set<String> sources) {
        Optional<String> name = fields.requiredString("name");
        List<String> exec = fields.command("exec").orElse(List.of());
        Optional<ServiceConfig> service = ServiceConfig.decode(fields, name);
        Optional<HealthConfig> health = fields.object("health",
                (h, p) -> HealthConfig.decode(h, p, service.isPresent())).flatMap(h -> h);
        if (service.isPresent() && !fields.has("health")) {
            fields.problem("health", "is required when \"port\" is set: Consul learns the service is alive from it");
        }
        if (service.isPresent() && health.isPresent() && health.get().check().isEmpty()) {
            fields.warning("health", "has no check (exec, http or tcp): the service is registered in Consul as"
                    + " passing whenever the agent runs, whatever state the process is in");
        }
        WhenConfig when = fields.object("when", (w, p) -> WhenConfig.decode(w, p, sources)).orElse(WhenConfig.DEFAULT);
        Optional<RestartPolicy> restarts = RestartPolicy.decode(fields, "restarts");
        Optional<Duration> timeout = fields.duration("timeout", WhenConfig.MINIMUM);
        Duration stopTimeout = fields.duration("stopTimeout").orElse(Duration.ZERO);
        if (stopTimeout.isNegative()) {
            fields.problem("stopTimeout", "must not be negative");
        }
        boolean raw = fields.object("logging", (logging, p) -> logging.bool("raw", false)).orElse(false);
        boolean main = fields.bool("main", false);
        String stopSignal = StopSignals.decode(fields, "stopSignal");
        BackoffConfig backoff = fields.object("backoff", BackoffConfig::decode).orElse(BackoffConfig.DEFAULT);
        GiveUpAction onGiveUp = GiveUpAction.decode(fields, "onGiveUp");
        Optional<RunAs> runAs = RunAs.decode(fields);
        // Checked where the configuration is loaded: in the image itself, `-validate` included (a RUN step of its
        // Dockerfile sees the image's /etc/passwd). Each spawn resolves the user again, so a later change counts.
        RunAs.check(fields, runAs, UserDatabase.SYSTEM);
        JobEnvironment environment = JobEnvironment.decode(fields);
        Optional<LockConfig> lock = fields.node("lock")
                .flatMap(node -> LockConfig.decode(node, fields.path("lock"), fields.problems()));
        if (lock.isPresent() && exec.isEmpty()) {
            fields.problem("lock", "needs \"exec\": the lock is held while the job's process runs");
        }
        Optional<RollingConfig> rolling = fields.object("rolling",
                (r, p) -> RollingConfig.decode(r, name.orElse(""))).flatMap(r -> r);
        if (rolling.isPresent() && (service.isEmpty() || health.flatMap(HealthConfig::check).isEmpty())) {
            fields.problem("rolling", "needs \"port\" and a health check (health.exec, http or tcp): a restarted"
                    + " instance gives its slot up once it is healthy again, which only its check can tell");
        }
        if (main && exec.isEmpty()) {
            fields.problem("main", "a main job needs \"exec\": its process's exit ends the agent");
        }

        boolean periodic = when.trigger() instanceof Trigger.Periodic;
        if (periodic && onGiveUp == GiveUpAction.STOP) {
            fields.problem("onGiveUp", "has no effect with \"when.interval\": a periodic job ends when its restarts run"
                    + " out, whatever its last run did");
        }
        if (when.trigger() instanceof Trigger.OnEvent event && event.each()
                && restarts.orElse(RestartPolicy.NEVER) instanceof RestartPolicy.Unlimited) {
            fields.problem("restarts", "cannot be \"unlimited\" with \"when.each\": the job would restart after every"
                    + " run and also start on every event");
        }
        if (name.isEmpty()) {
            return Optional.empty();
        }
        // ContainerPilot 3.4 made periodic jobs repeat by default (its issue 471), and bounds each run by the interval.
        RestartPolicy restartPolicy = restarts.orElse(periodic ? RestartPolicy.UNLIMITED : RestartPolicy.NEVER);
        Optional<Duration> runTimeout = timeout.or(() -> when.trigger() instanceof Trigger.Periodic p
                ? Optional.of(p.interval()) : Optional.empty());
        return Optional.of(new JobConfig(name.get(), exec, when, restartPolicy, runTimeout, stopTimeout, health,
                service, raw, main, stopSignal, backoff, onGiveUp, false, runAs, environment, lock, rolling));
    }
}
