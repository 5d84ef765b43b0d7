package io.autopilot.config;

import io.autopilot.control.ControlConfig;
import io.autopilot.decode.Fields;
import io.autopilot.decode.KeyPath;
import io.autopilot.decode.Node;
import io.autopilot.decode.Problem;
import io.autopilot.decode.Problems;
import io.autopilot.discovery.ConsulConfig;
import io.autopilot.files.TemplateConfig;
import io.autopilot.jobs.JobConfig;
import io.autopilot.jobs.Trigger;
import io.autopilot.jobs.WhenConfig;
import io.autopilot.discovery.LockConfig;
import io.autopilot.logging.LoggingConfig;
import io.autopilot.plan.EventGraph;
import io.autopilot.telemetry.TelemetryConfig;
import io.autopilot.watches.WatchConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The whole validated configuration. Each block is owned and decoded by its feature package; this record only
 * composes them and checks what crosses blocks (names, event sources).
 *
 * @param consul absent for pure supervision (ContainerPilot required it)
 * @param stopTimeout the upper bound on shutdown before the remaining processes are killed
 * @param reloadOn the signal ({@code SIGHUP} or {@code SIGUSR2}) that reloads the configuration instead of being an
 *     event jobs start on; empty by default, as in ContainerPilot, where no signal reloads
 * @param templates files rendered from Consul data and kept current (ours; ContainerPilot images ran
 *     consul-template beside it)
 * @param leader the leader election this agent takes part in (ours)
 * @param lastKnownGood the folder where templates and watches save the Consul answers they acted on last, to start
 *     from when Consul is unreachable; empty when {@code lastKnownGood} is {@code false}
 * @param warnings what is valid but most likely a mistake, found by the load: {@code -validate} prints them, the
 *     agent logs them at start and on a reload
 */
public record AgentConfig(
        Optional<ConsulConfig> consul,
        LoggingConfig logging,
        List<JobConfig> jobs,
        List<WatchConfig> watches,
        Optional<TelemetryConfig> telemetry,
        ControlConfig control,
        Duration stopTimeout,
        Optional<String> reloadOn,
        List<TemplateConfig> templates,
        Optional<LockConfig> leader,
        Optional<Path> lastKnownGood,
        List<Problem> warnings) {

    /** ContainerPilot's default, also used for {@code 0}. */
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(5);
    /** Where last-known-good data goes unless {@code lastKnownGood} says otherwise. */
    public static final Path DEFAULT_LAST_KNOWN_GOOD = Path.of("/var/lib/autopilot");

    public AgentConfig {
        jobs = List.copyOf(jobs);
        watches = List.copyOf(watches);
        templates = List.copyOf(templates);
        warnings = List.copyOf(warnings);
    }

    /** Without a leader election, last-known-good data or warnings. */
    public AgentConfig(Optional<ConsulConfig> consul, LoggingConfig logging, List<JobConfig> jobs,
                       List<WatchConfig> watches, Optional<TelemetryConfig> telemetry, ControlConfig control,
                       Duration stopTimeout, Optional<String> reloadOn, List<TemplateConfig> templates) {
        this(consul, logging, jobs, watches, telemetry, control, stopTimeout, reloadOn, templates, Optional.empty(),
                Optional.empty(), List.of());
    }

    /** Without templates. */
    public AgentConfig(Optional<ConsulConfig> consul, LoggingConfig logging, List<JobConfig> jobs,
                       List<WatchConfig> watches, Optional<TelemetryConfig> telemetry, ControlConfig control,
                       Duration stopTimeout, Optional<String> reloadOn) {
        this(consul, logging, jobs, watches, telemetry, control, stopTimeout, reloadOn, List.of());
    }

    /** Without {@code reloadOn}. */
    public AgentConfig(Optional<ConsulConfig> consul, LoggingConfig logging, List<JobConfig> jobs,
                       List<WatchConfig> watches, Optional<TelemetryConfig> telemetry, ControlConfig control,
                       Duration stopTimeout) {
        this(consul, logging, jobs, watches, telemetry, control, stopTimeout, Optional.empty(), List.of());
    }

    /** The same configuration with other jobs: the command after {@code --} added as a job. */
    public AgentConfig withJobs(List<JobConfig> replaced) {
        return new AgentConfig(consul, logging, replaced, watches, telemetry, control, stopTimeout, reloadOn,
                templates, leader, lastKnownGood, warnings);
    }

    /** The same configuration with these warnings. */
    public AgentConfig withWarnings(List<Problem> found) {
        return new AgentConfig(consul, logging, jobs, watches, telemetry, control, stopTimeout, reloadOn, templates,
                leader, lastKnownGood, found);
    }

    /** What starts what: the jobs, watches, templates, signals and the agent's own events, for -plan and its checks. */
    public EventGraph eventGraph() {
        return EventGraph.of(jobs, watches, templates, reloadOn, telemetry.map(t -> TelemetryConfig.JOB_NAME),
                leader.isPresent());
    }

    /** Decodes the root of a parsed file whose relative paths are taken from the working directory. */
    static Optional<AgentConfig> decode(Node root, Problems problems) {
        return decode(root, Path.of(""), problems);
    }

    /**
     * Decodes the root of a parsed file; every problem goes to {@code problems}.
     *
     * @param directory the file's folder, which relative paths in it (templates' files) are taken from
     */
    static Optional<AgentConfig> decode(Node root, Path directory, Problems problems) {
        return Fields.of(root, KeyPath.root(), problems).map(fields -> {
            Names names = Names.scan(root, problems);
            Optional<ConsulConfig> consul = fields.node("consul")
                    .flatMap(node -> ConsulConfig.decode(node, KeyPath.root().key("consul"), problems));
            LoggingConfig logging = fields.object("logging", LoggingConfig::decode).orElse(LoggingConfig.DEFAULT);
            List<JobConfig> jobs = fields.objects("jobs", (job, path) -> JobConfig.decode(job, path, names.sources()));
            List<WatchConfig> watches = fields.objects("watches", WatchConfig::decode);
            Optional<TelemetryConfig> telemetry = fields.object("telemetry", TelemetryConfig::decode);
            ControlConfig control = fields.object("control", ControlConfig::decode).orElse(ControlConfig.DEFAULT);
            Duration stopTimeout = fields.duration("stopTimeout").map(AgentConfig::stopTimeout)
                    .orElse(DEFAULT_STOP_TIMEOUT);
            Optional<String> reloadOn = reloadOn(fields, jobs);
            Set<String> jobNames = jobs.stream().map(JobConfig::name).collect(Collectors.toSet());
            List<TemplateConfig> templates = fields.objects("templates", (template, path) ->
                    TemplateConfig.decode(template, path, directory.toAbsolutePath(), jobNames));
            Optional<Path> lastKnownGood = lastKnownGood(fields, directory);
            Optional<LockConfig> leader = fields.node("leader")
                    .flatMap(node -> LockConfig.decode(node, KeyPath.root().key("leader"), problems));
            if (!fields.has("consul")) {
                needsConsul(fields, jobs, watches, templates);
                leader.ifPresent(l -> fields.problem("consul", "is required: \"leader\" is a lock in Consul"));
            }
            fields.finish();
            return new AgentConfig(consul, logging, jobs, watches, telemetry, control, stopTimeout, reloadOn,
                    templates, leader, lastKnownGood, List.of());
        });
    }

    /** A folder (relative to the configuration file's), or {@code false} to save nothing; on by default. */
    private static Optional<Path> lastKnownGood(Fields fields, Path directory) {
        Optional<String> given = fields.string("lastKnownGood");
        if (given.isEmpty() || given.get().equals("true")) {
            return Optional.of(DEFAULT_LAST_KNOWN_GOOD);
        }
        if (given.get().equals("false")) {
            return Optional.empty();
        }
        if (given.get().isBlank()) {
            fields.problem("lastKnownGood", "must be a folder, or false to save no last-known-good data");
            return Optional.empty();
        }
        return Optional.of(directory.toAbsolutePath().resolve(given.get()).normalize());
    }

    /** A signal that reloads cannot also start a job: one of the two meanings would silently never happen. */
    private static Optional<String> reloadOn(Fields fields, List<JobConfig> jobs) {
        Optional<String> signal = fields.string("reloadOn");
        if (signal.isEmpty()) {
            return signal;
        }
        if (!WhenConfig.SIGNALS.contains(signal.get())) {
            fields.problem("reloadOn", "must be \"SIGHUP\" or \"SIGUSR2\"");
            return Optional.empty();
        }
        jobs.stream()
                .filter(job -> job.when().trigger() instanceof Trigger.OnSignal(String s) && s.equals(signal.get()))
                .forEach(job -> fields.problem("reloadOn", signal.get() + " reloads the configuration, so job \""
                        + job.name() + "\" cannot also start on it (its when.source)"));
        return signal;
    }

    /**
     * Without {@code consul} there is nothing to register with or watch. ContainerPilot required the key; we made it
     * optional for pure supervision, so a {@code port} or a watch without it is a mistake to report, not a silent
     * no-op (nor a guess at {@code 127.0.0.1:8500}).
     */
    private static void needsConsul(Fields fields, List<JobConfig> jobs, List<WatchConfig> watches,
            List<TemplateConfig> templates) {
        jobs.stream().filter(job -> job.service().isPresent()).forEach(job -> fields.problem("consul",
                "is required: job \"" + job.name() + "\" has a \"port\", so it is registered in Consul"));
        jobs.stream().filter(job -> job.lock().isPresent()).forEach(job -> fields.problem("consul",
                "is required: job \"" + job.name() + "\" has a \"lock\", which is a lock in Consul"));
        jobs.stream().filter(job -> job.rolling().isPresent()).forEach(job -> fields.problem("consul",
                "is required: job \"" + job.name() + "\" has \"rolling\", a semaphore in Consul"));
        watches.forEach(watch -> fields.problem("consul", "is required: watch \"" + watch.name()
                + "\" follows Consul"));
        templates.stream().filter(TemplateConfig::readsConsul).forEach(template -> fields.problem("consul",
                "is required: template \"" + template.name() + "\" reads Consul (service, watch, key, ls or tree)"));
    }

    /** As ContainerPilot: 0 means the default, a negative value means no wait at all. */
    private static Duration stopTimeout(Duration given) {
        if (given.isZero()) {
            return DEFAULT_STOP_TIMEOUT;
        }
        return given.isNegative() ? Duration.ZERO : given;
    }
}
