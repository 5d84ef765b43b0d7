package io.autopilot.plan;

import io.autopilot.events.EventCode;
import java.util.List;

/**
 * {@code -plan}: the event graph as text, a source a paragraph: what it publishes, then which of its events start
 * which jobs. For example:
 *
 * <pre>
 * job "setup": publishes exitSuccess, exitFailed, gaveUp, stopping, stopped
 *   exitSuccess starts job "app" (once)
 * </pre>
 */
public final class PlanText {
    private PlanText() {
    }

    public static String of(EventGraph graph) {
        Wiring wiring = Wiring.of(graph);
        StringBuilder text = new StringBuilder();
        for (Wiring.Source source : wiring.sources()) {
            text.append(header(source, graph)).append('\n');
            for (Wiring.Start start : wiring.startsFrom(source.name())) {
                text.append("  ").append(start.event().isEmpty() ? "it" : start.event()).append(" starts job \"")
                        .append(start.job()).append("\" (").append(start.how()).append(")\n");
            }
            wiring.actions().stream().filter(action -> action.template().equals(source.name()))
                    .forEach(action -> text.append("  a changed file ").append(action.what().equals("restart")
                            ? "restarts" : "sends " + action.what() + " to").append(" job \"").append(action.job())
                            .append("\"\n"));
        }
        if (!wiring.neverStart().isEmpty()) {
            text.append("never start: ").append(String.join(", ", wiring.neverStart().stream()
                    .map(name -> "job \"" + name + "\"").toList())).append('\n');
        }
        return text.toString();
    }

    private static String header(Wiring.Source source, EventGraph graph) {
        String name = switch (source.kind()) {
            case AGENT -> "the agent (\"global\")";
            case SIGNAL -> "signal " + source.name() + (graph.reloadOn().filter(source.name()::equals).isPresent()
                    ? ": reloads the configuration" : "");
            case JOB -> "job \"" + source.name() + "\"";
            case CHECK -> "health check \"" + source.name() + "\"";
            case WATCH, TEMPLATE -> source.kind().name().toLowerCase(java.util.Locale.ROOT) + " \""
                    + source.name().substring(source.name().indexOf('.') + 1) + "\" (\"" + source.name() + "\")";
        };
        List<EventCode> codes = source.publishes();
        return codes.isEmpty() ? name : name + ": publishes " + String.join(", ",
                codes.stream().map(EventCode::configName).toList());
    }
}
