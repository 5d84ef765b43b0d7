package io.autopilot.plan;

import io.autopilot.events.EventCode;
import io.autopilot.files.TemplateConfig;
import io.autopilot.jobs.JobConfig;
import io.autopilot.jobs.Trigger;
import io.autopilot.jobs.WhenConfig;
import io.autopilot.watches.WatchConfig;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What starts what in one configuration. Every event source publishes a known set of events: the agent
 * ({@code global}) startup and maintenance, a watch its changes and health, a template its renders, a job its stop
 * and, once it has run, its exits and (with a check) its health. A job starts on startup, a signal, an interval or an
 * event of those sources; which jobs can start at all is the least fixed point of that, so two jobs that only wait for
 * each other never start.
 */
public final class EventGraph {
    /** What the agent publishes as {@code global} that a job may start on. */
    static final Set<EventCode> GLOBAL = EnumSet.of(EventCode.STARTUP, EventCode.ENTER_MAINTENANCE,
            EventCode.EXIT_MAINTENANCE);
    static final Set<EventCode> WATCH = EnumSet.of(EventCode.CHANGED, EventCode.HEALTHY, EventCode.UNHEALTHY);
    static final Set<EventCode> TEMPLATE = EnumSet.of(EventCode.RENDERED, EventCode.RENDER_FAILED);
    static final Set<EventCode> EXITS = EnumSet.of(EventCode.EXIT_SUCCESS, EventCode.EXIT_FAILED);
    static final Set<EventCode> HEALTH = EnumSet.of(EventCode.HEALTHY, EventCode.UNHEALTHY);
    static final Set<EventCode> LOCK = EnumSet.of(EventCode.ELECTED, EventCode.DEPOSED);

    private final Map<String, JobConfig> jobs = new LinkedHashMap<>();
    private final Set<String> watches = new HashSet<>();
    private final List<WatchConfig> watchList;
    private final List<TemplateConfig> templates;
    private final Optional<String> reloadOn;
    private final Optional<String> telemetry;
    private final boolean leader;
    private final Set<String> startable = new HashSet<>();

    private EventGraph(List<JobConfig> jobs, List<WatchConfig> watches, List<TemplateConfig> templates,
                       Optional<String> reloadOn, Optional<String> telemetry, boolean leader) {
        jobs.forEach(job -> this.jobs.put(job.name(), job));
        watches.forEach(watch -> this.watches.add("watch." + watch.name()));
        this.watchList = List.copyOf(watches);
        this.templates = List.copyOf(templates);
        this.reloadOn = reloadOn;
        this.telemetry = telemetry;
        this.leader = leader;
        boolean grew = true;
        while (grew) {
            grew = false;
            for (JobConfig job : jobs) {
                if (!startable.contains(job.name()) && canFire(job)) {
                    startable.add(job.name());
                    grew = true;
                }
            }
        }
    }

    /**
     * @param telemetry the name of the telemetry endpoint's own registration, when {@code telemetry} is set: a
     *     source whose events the graph does not model, so nothing waiting on it is reported
     * @param leader whether the configuration has a {@code leader} block, the source {@code leader}
     */
    public static EventGraph of(List<JobConfig> jobs, List<WatchConfig> watches, List<TemplateConfig> templates,
                                Optional<String> reloadOn, Optional<String> telemetry, boolean leader) {
        return new EventGraph(jobs, watches, templates, reloadOn, telemetry, leader);
    }

    public List<JobConfig> jobs() {
        return List.copyOf(jobs.values());
    }

    public List<WatchConfig> watches() {
        return watchList;
    }

    public List<TemplateConfig> templates() {
        return templates;
    }

    public Optional<String> reloadOn() {
        return reloadOn;
    }

    /** Whether anything can ever start {@code job}. */
    public boolean canStart(String job) {
        return startable.contains(job);
    }

    /** Whether {@code source} may ever publish {@code code}. */
    public boolean publishes(String source, EventCode code) {
        return whyNever(source, code).isEmpty();
    }

    /** Why {@code source} never publishes {@code code}, for people; empty when it may. */
    public Optional<String> whyNever(String source, EventCode code) {
        if (source.equals("global")) {
            return unless(GLOBAL.contains(code), "the agent publishes only startup, enterMaintenance and"
                    + " exitMaintenance as \"global\"");
        }
        if (source.equals("leader") && !jobs.containsKey(source)) {
            return leader ? unless(LOCK.contains(code), "the leader election publishes only elected and deposed")
                    : Optional.of("there is no \"leader\" block");
        }
        if (WhenConfig.SIGNALS.contains(source)) {
            return Optional.of("a signal starts a job through \"when.source\" alone, without once or each");
        }
        if (watches.contains(source)) {
            return unless(WATCH.contains(code), "a watch publishes only changed, healthy and unhealthy");
        }
        if (source.startsWith("template.")) {
            return unless(TEMPLATE.contains(code), "a template publishes only rendered and renderFailed");
        }
        if (source.startsWith("check.") && jobs.containsKey(source.substring("check.".length()))) {
            return checkNever(jobs.get(source.substring("check.".length())), code);
        }
        JobConfig job = jobs.get(source);
        if (job == null) {
            return Optional.empty(); // the telemetry endpoint's registration: not modelled, never reported
        }
        return jobNever(job, code);
    }

    private Optional<String> jobNever(JobConfig job, EventCode code) {
        String name = "job \"" + job.name() + "\"";
        return switch (code) {
            case STOPPING, STOPPED -> Optional.empty();
            case TIMER_EXPIRED -> unless(job.when().timeout().isPresent(), name + " has no when.timeout");
            case EXIT_SUCCESS, EXIT_FAILED, GAVE_UP -> job.exec().isEmpty()
                    ? Optional.of(name + " has no exec, so it publishes no exits")
                    : unless(canStart(job.name()), name + " never starts");
            case HEALTHY, UNHEALTHY -> job.health().flatMap(h -> h.check()).isEmpty()
                    ? Optional.of(name + " has no health check, so it never publishes " + code.configName())
                    : unless(canStart(job.name()), name + " never starts");
            case ELECTED, DEPOSED -> job.lock().isEmpty()
                    ? Optional.of(name + " has no lock, so it never publishes " + code.configName())
                    : unless(canStart(job.name()), name + " never starts");
            case NO_ADDRESS -> job.service().isEmpty()
                    ? Optional.of(name + " registers no service, so it never publishes noAddress")
                    : unless(canStart(job.name()), name + " never starts");
            case STARTUP, ENTER_MAINTENANCE, EXIT_MAINTENANCE ->
                Optional.of(code.configName() + " comes from \"global\", not from a job");
            case CHANGED, RENDERED, RENDER_FAILED, SHUTDOWN, ERROR, SIGNAL, METRIC, QUIT ->
                Optional.of("a job never publishes " + code.configName());
        };
    }

    private Optional<String> checkNever(JobConfig job, EventCode code) {
        String source = "\"check." + job.name() + "\"";
        if (!EXITS.contains(code)) {
            return Optional.of(source + " publishes only exitSuccess and exitFailed");
        }
        if (job.health().map(h -> h.exec().isEmpty()).orElse(true)) {
            return Optional.of("job \"" + job.name() + "\" has no exec health check, so " + source
                    + " publishes no exits");
        }
        return unless(canStart(job.name()), "job \"" + job.name() + "\" never starts");
    }

    private boolean canFire(JobConfig job) {
        return switch (job.when().trigger()) {
            case Trigger.OnStartup s -> true;
            case Trigger.Periodic p -> true;
            case Trigger.OnSignal s -> true;
            case Trigger.OnEvent(List<String> sources, EventCode code, boolean each, Trigger.Match match) -> {
                List<String> others = sources.stream().filter(s -> !ownSource(job.name(), s)).toList();
                yield match == Trigger.Match.ALL
                        ? others.size() == sources.size() && others.stream().allMatch(s -> publishes(s, code))
                        : others.stream().anyMatch(s -> publishes(s, code));
            }
        };
    }

    /** A job's own events never start it: its name and its check's. */
    static boolean ownSource(String job, String source) {
        return source.equals(job) || source.equals("check." + job);
    }

    /** The job whose events come from {@code source} (its name or its check's), if one does. */
    Optional<String> jobOf(String source) {
        if (jobs.containsKey(source)) {
            return Optional.of(source);
        }
        String checked = source.startsWith("check.") ? source.substring("check.".length()) : "";
        return jobs.containsKey(checked) ? Optional.of(checked) : Optional.empty();
    }

    boolean isTelemetry(String source) {
        return telemetry.filter(source::equals).isPresent();
    }

    private static Optional<String> unless(boolean publishes, String why) {
        return publishes ? Optional.empty() : Optional.of(why);
    }
}
