package io.autopilot.plan;

import io.autopilot.events.EventCode;
import io.autopilot.jobs.JobConfig;
import io.autopilot.jobs.Trigger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code -validate} warns about in the event graph: a job whose {@code when} waits for an event nobody
 * publishes (it can never start), a source of a trigger that never publishes the event waited for (a {@code once:
 * "healthy"} on a job without a health check), and jobs whose {@code each} triggers start one another on every run,
 * which can loop for as long as the agent runs.
 */
public final class GraphChecks {
    /** Events a job publishes on every run: an {@code each} trigger on one fires again each time. */
    private static final Set<EventCode> PER_RUN = EnumSet.of(EventCode.EXIT_SUCCESS, EventCode.EXIT_FAILED,
            EventCode.HEALTHY, EventCode.UNHEALTHY);

    private GraphChecks() {
    }

    public static List<GraphWarning> of(EventGraph graph) {
        List<GraphWarning> warnings = new ArrayList<>();
        for (JobConfig job : graph.jobs()) {
            if (job.when().trigger() instanceof Trigger.OnEvent trigger) {
                waitsInVain(graph, job, trigger).ifPresent(warnings::add);
            }
        }
        warnings.addAll(loops(graph));
        return List.copyOf(warnings);
    }

    private static Optional<GraphWarning> waitsInVain(EventGraph graph, JobConfig job, Trigger.OnEvent trigger) {
        String key = "when." + (trigger.each() ? "each" : "once");
        String code = trigger.event().configName();
        List<String> reasons = new ArrayList<>();
        for (String source : trigger.sources()) {
            if (graph.isTelemetry(source)) {
                continue;
            }
            Optional<String> why = EventGraph.ownSource(job.name(), source)
                    ? Optional.of("a job's own events never start it")
                    : graph.whyNever(source, trigger.event());
            why.ifPresent(reason -> reasons.add("\"" + source + "\" never publishes " + code + ": " + reason));
        }
        if (reasons.isEmpty()) {
            return Optional.empty();
        }
        String because = String.join("; ", reasons);
        if (!graph.canStart(job.name())) {
            return Optional.of(new GraphWarning(job.name(), key, "job \"" + job.name() + "\" can never start: "
                    + because));
        }
        return Optional.of(new GraphWarning(job.name(), key, because + " (only its other sources can start it)"));
    }

    /** Groups of jobs that start one another on every run: each group once, at its first job. */
    private static List<GraphWarning> loops(EventGraph graph) {
        List<JobConfig> jobs = graph.jobs();
        List<GraphWarning> warnings = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        for (JobConfig job : jobs) {
            if (reported.contains(job.name())) {
                continue;
            }
            Set<String> group = new LinkedHashSet<>();
            for (JobConfig other : jobs) {
                if (reaches(graph, job.name(), other.name()) && reaches(graph, other.name(), job.name())) {
                    group.add(other.name());
                }
            }
            if (group.size() > 1) {
                reported.addAll(group);
                warnings.add(new GraphWarning(job.name(), "when.each", "jobs \"" + String.join("\", \"", group)
                        + "\" start one another on every run (" + describe(graph, group) + "): once one of them"
                        + " runs, they can run one after another for as long as the agent does"));
            }
        }
        return warnings;
    }

    private static boolean reaches(EventGraph graph, String from, String to) {
        Deque<String> pending = new ArrayDeque<>(List.of(from));
        Set<String> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            String next = pending.pop();
            for (JobConfig job : graph.jobs()) {
                if (startsOnEveryRunOf(graph, job, next)) {
                    if (job.name().equals(to)) {
                        return true;
                    }
                    if (seen.add(job.name())) {
                        pending.push(job.name());
                    }
                }
            }
        }
        return false;
    }

    /** Whether {@code job} starts again on each run of {@code source}'s job. */
    private static boolean startsOnEveryRunOf(EventGraph graph, JobConfig job, String sourceJob) {
        return job.when().trigger() instanceof Trigger.OnEvent trigger && trigger.each()
                && PER_RUN.contains(trigger.event()) && graph.canStart(job.name())
                && trigger.sources().stream().anyMatch(source -> !EventGraph.ownSource(job.name(), source)
                        && graph.jobOf(source).filter(sourceJob::equals).isPresent()
                        && graph.publishes(source, trigger.event()));
    }

    private static String describe(EventGraph graph, Set<String> group) {
        List<String> parts = new ArrayList<>();
        for (JobConfig job : graph.jobs()) {
            if (group.contains(job.name()) && job.when().trigger() instanceof Trigger.OnEvent trigger) {
                parts.add("\"" + job.name() + "\" on each " + trigger.event().configName() + " of \""
                        + String.join("\" or \"", trigger.sources()) + "\"");
            }
        }
        return String.join(", ", parts);
    }
}
