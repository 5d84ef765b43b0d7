package io.autopilot.plan;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * {@code -plan=dot}: the event graph in Graphviz's DOT language, for {@code dot -Tsvg}. Sources are nodes shaped by
 * kind (jobs boxes, watches ellipses, templates notes, signals diamonds, the agent a double circle); each event that
 * starts a job is a small node of its own between its source and the jobs it starts, so that one event starting
 * several jobs reads as such. Jobs that can never start are drawn dashed and red.
 */
public final class PlanDot {
    private PlanDot() {
    }

    public static String of(EventGraph graph) {
        Wiring wiring = Wiring.of(graph);
        StringBuilder dot = new StringBuilder("digraph autopilot {\n")
                .append("  rankdir=LR;\n")
                .append("  node [fontname=\"Helvetica\", fontsize=11];\n")
                .append("  edge [fontname=\"Helvetica\", fontsize=9];\n");
        for (Wiring.Source source : wiring.sources()) {
            dot.append("  ").append(id(source.name())).append(" [").append(style(source, wiring)).append("];\n");
        }
        Set<String> events = new LinkedHashSet<>();
        for (Wiring.Start start : wiring.starts()) {
            String from = id(start.source());
            if (!start.event().isEmpty()) {
                String event = id(start.source() + "/" + start.event());
                if (events.add(event)) {
                    dot.append("  ").append(event).append(" [label=").append(quote(start.event()))
                            .append(", shape=plaintext, fontsize=9];\n");
                    dot.append("  ").append(from).append(" -> ").append(event).append(" [arrowhead=none];\n");
                }
                from = event;
            }
            dot.append("  ").append(from).append(" -> ").append(id(start.job())).append(" [label=")
                    .append(quote(start.how())).append("];\n");
        }
        for (Wiring.Action action : wiring.actions()) {
            dot.append("  ").append(id(action.template())).append(" -> ").append(id(action.job()))
                    .append(" [style=dashed, label=").append(quote(action.what())).append("];\n");
        }
        return dot.append("}\n").toString();
    }

    private static String style(Wiring.Source source, Wiring wiring) {
        String label = switch (source.kind()) {
            case AGENT -> "agent\\n(global)";
            case SIGNAL -> source.name();
            case JOB -> source.name();
            case CHECK -> "health check\\n" + escape(source.name());
            case WATCH, TEMPLATE -> source.kind().name().toLowerCase(Locale.ROOT) + "\\n"
                    + escape(source.name().substring(source.name().indexOf('.') + 1));
        };
        String quoted = source.kind() == Wiring.Kind.JOB || source.kind() == Wiring.Kind.SIGNAL
                ? quote(label) : "\"" + label + "\"";
        return "label=" + quoted + ", " + switch (source.kind()) {
            case AGENT -> "shape=doublecircle";
            case SIGNAL -> "shape=diamond";
            case JOB -> wiring.neverStart().contains(source.name())
                    ? "shape=box, style=\"rounded,dashed\", color=red" : "shape=box, style=rounded";
            case CHECK -> "shape=box, style=dotted";
            case WATCH -> "shape=ellipse";
            case TEMPLATE -> "shape=note";
        };
    }

    /** Node ids are the source names, which cannot collide: jobs, {@code check.}, {@code watch.}, {@code template.}. */
    private static String id(String name) {
        return quote(name);
    }

    private static String quote(String text) {
        return "\"" + escape(text) + "\"";
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
