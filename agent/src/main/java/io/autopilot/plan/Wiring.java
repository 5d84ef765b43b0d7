package io.autopilot.plan;

import io.autopilot.decode.GoDuration;
import io.autopilot.events.EventCode;
import io.autopilot.files.TemplateConfig;
import io.autopilot.jobs.JobConfig;
import io.autopilot.jobs.Trigger;
import io.autopilot.jobs.WhenConfig;
import io.autopilot.watches.WatchConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The event graph as {@code -plan} draws it: every source with the events it may publish, every start of a job on
 * one of them, and what templates ask of jobs when their file changes. Sources come in a fixed order (the agent,
 * signals, jobs with their checks, watches, templates), so the output is stable.
 */
record Wiring(List<Source> sources, List<Start> starts, List<Action> actions, List<String> neverStart) {

    enum Kind { AGENT, SIGNAL, JOB, CHECK, WATCH, TEMPLATE }

    /** @param name the event source's name, as {@code when.source} writes it */
    record Source(Kind kind, String name, List<EventCode> publishes) {
    }

    /**
     * A job started by a source's event.
     *
     * @param event empty for a signal, which starts a job without an event name
     * @param how {@code once}, {@code each}, {@code every 5s}, or {@code each, with all of …} for {@code match: all}
     */
    record Start(String source, String event, String job, String how) {
    }

    /** What a template asks of a job after a render that changed its file: {@code restart} or a signal's name. */
    record Action(String template, String job, String what) {
    }

    /** Every code a job may publish, in the order they are shown. */
    private static final List<EventCode> JOB_CODES = List.of(EventCode.EXIT_SUCCESS, EventCode.EXIT_FAILED,
            EventCode.HEALTHY, EventCode.UNHEALTHY, EventCode.GAVE_UP, EventCode.TIMER_EXPIRED, EventCode.STOPPING,
            EventCode.STOPPED);

    static Wiring of(EventGraph graph) {
        List<Source> sources = new ArrayList<>();
        List<Start> starts = new ArrayList<>();
        sources.add(new Source(Kind.AGENT, "global", List.copyOf(EventGraph.GLOBAL)));
        WhenConfig.SIGNALS.stream().sorted()
                .filter(signal -> graph.reloadOn().filter(signal::equals).isPresent() || graph.jobs().stream()
                        .anyMatch(job -> job.when().trigger() instanceof Trigger.OnSignal(String s) && s.equals(signal)))
                .forEach(signal -> sources.add(new Source(Kind.SIGNAL, signal, List.of())));
        for (JobConfig job : graph.jobs()) {
            sources.add(new Source(Kind.JOB, job.name(), codes(graph, job.name(), JOB_CODES)));
            List<EventCode> checkCodes = codes(graph, "check." + job.name(), List.copyOf(EventGraph.EXITS));
            if (!checkCodes.isEmpty()) {
                sources.add(new Source(Kind.CHECK, "check." + job.name(), checkCodes));
            }
            starts.addAll(startsOf(job));
        }
        for (WatchConfig watch : graph.watches()) {
            sources.add(new Source(Kind.WATCH, "watch." + watch.name(), List.copyOf(EventGraph.WATCH)));
        }
        List<Action> actions = new ArrayList<>();
        for (TemplateConfig template : graph.templates()) {
            sources.add(new Source(Kind.TEMPLATE, template.eventSource(), List.copyOf(EventGraph.TEMPLATE)));
            template.actions().forEach(action -> actions.add(new Action(template.eventSource(), action.job(),
                    action.signal().orElse("restart"))));
        }
        List<String> never = graph.jobs().stream().map(JobConfig::name).filter(name -> !graph.canStart(name))
                .toList();
        return new Wiring(List.copyOf(sources), List.copyOf(starts), List.copyOf(actions), never);
    }

    private static List<EventCode> codes(EventGraph graph, String source, List<EventCode> candidates) {
        return candidates.stream().filter(code -> graph.publishes(source, code)).toList();
    }

    private static List<Start> startsOf(JobConfig job) {
        return switch (job.when().trigger()) {
            case Trigger.OnStartup s -> List.of(new Start("global", "startup", job.name(), "once"));
            case Trigger.Periodic(Duration interval) ->
                List.of(new Start("global", "startup", job.name(), "every " + GoDuration.format(interval)));
            case Trigger.OnSignal(String signal) -> List.of(new Start(signal, "", job.name(), "each"));
            case Trigger.OnEvent(List<String> sources, EventCode code, boolean each, Trigger.Match match) -> {
                String how = (each ? "each" : "once") + (match == Trigger.Match.ALL && sources.size() > 1
                        ? ", with all of " + String.join(", ", sources) : "");
                yield sources.stream().map(source -> new Start(source, code.configName(), job.name(), how))
                        .toList();
            }
        };
    }

    /** The starts whose event comes from {@code source}. */
    List<Start> startsFrom(String source) {
        return starts.stream().filter(start -> start.source().equals(source)).toList();
    }
}
