package io.autopilot.config;

import io.autopilot.decode.KeyPath;
import io.autopilot.decode.Node;
import io.autopilot.decode.Node.ArrayNode;
import io.autopilot.decode.Node.NumberNode;
import io.autopilot.decode.Node.ObjectNode;
import io.autopilot.decode.Node.TextNode;
import io.autopilot.decode.Problems;
import io.autopilot.jobs.WhenConfig;
import io.autopilot.leader.Leader;
import io.autopilot.telemetry.TelemetryConfig;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The names the configuration defines, read from the raw tree before anything is decoded: jobs may name each other
 * (and watches and templates) as event sources in any order, so the set must be whole before the first job is read.
 * Also reports names given twice, which would make events ambiguous.
 */
record Names(Set<String> sources) {

    static Names scan(Node root, Problems problems) {
        Set<String> sources = new HashSet<>(WhenConfig.SIGNALS);
        sources.add("global");
        ObjectNode object = (ObjectNode) root;
        Map<String, Node> jobs = names(object, "jobs", problems);
        Map<String, Node> watches = names(object, "watches", problems);
        Map<String, Node> templates = names(object, "templates", problems);
        jobs.forEach((name, job) -> {
            sources.add(name);
            if (job instanceof ObjectNode fields && fields.fields().containsKey("health")) {
                sources.add("check." + name);
            }
        });
        watches.keySet().forEach(name -> sources.add("watch." + name));
        templates.keySet().forEach(name -> sources.add("template." + name));
        if (object.fields().containsKey("leader")) {
            reserve(Leader.SOURCE, "the leader election's events when \"leader\" is set", jobs, problems);
            sources.add(Leader.SOURCE);
        }
        if (object.fields().containsKey("telemetry")) {
            if (jobs.containsKey(TelemetryConfig.JOB_NAME)) {
                problems.add(KeyPath.root().key("jobs"), jobs.get(TelemetryConfig.JOB_NAME).origin(),
                        "the job name \"" + TelemetryConfig.JOB_NAME + "\" is taken by the telemetry endpoint's own"
                                + " registration when \"telemetry\" is set");
            }
            sources.add(TelemetryConfig.JOB_NAME);
        }
        return new Names(Set.copyOf(sources));
    }

    private static void reserve(String name, String what, Map<String, Node> jobs, Problems problems) {
        if (jobs.containsKey(name)) {
            problems.add(KeyPath.root().key("jobs"), jobs.get(name).origin(), "the job name \"" + name
                    + "\" is the source of " + what);
        }
    }

    /** The {@code name} of each element of an array of objects, with the element, reporting duplicates. */
    private static Map<String, Node> names(ObjectNode root, String key, Problems problems) {
        Map<String, Node> names = new HashMap<>();
        if (!(root.fields().get(key) instanceof ArrayNode array)) {
            return names;
        }
        for (int i = 0; i < array.items().size(); i++) {
            Node item = array.items().get(i);
            if (item instanceof ObjectNode element && nameOf(element.fields().get("name")) instanceof String name) {
                if (names.putIfAbsent(name, item) != null) {
                    problems.add(KeyPath.root().key(key).index(i, name).key("name"), element.fields().get("name")
                            .origin(), "\"" + name + "\" is already the name of " + key + "["
                            + array.items().indexOf(names.get(name)) + "]");
                }
            }
        }
        return names;
    }

    /** A name as the decoders read it: a string, or a number written as one (weak typing). */
    private static String nameOf(Node node) {
        return switch (node) {
            case TextNode text -> text.value();
            case NumberNode number -> number.text();
            case null, default -> null;
        };
    }
}
