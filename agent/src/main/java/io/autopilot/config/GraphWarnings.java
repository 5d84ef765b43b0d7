package io.autopilot.config;

import io.autopilot.decode.KeyPath;
import io.autopilot.decode.Node;
import io.autopilot.decode.Node.ArrayNode;
import io.autopilot.decode.Node.ObjectNode;
import io.autopilot.decode.Origin;
import io.autopilot.decode.Problem;
import io.autopilot.jobs.JobConfig;
import io.autopilot.plan.GraphChecks;
import io.autopilot.plan.GraphWarning;
import java.util.ArrayList;
import java.util.List;

/** The event graph's warnings, each placed where the user wrote the key it is about. */
final class GraphWarnings {
    private GraphWarnings() {
    }

    static List<Problem> of(AgentConfig config, Node root) {
        List<Problem> found = new ArrayList<>();
        List<String> names = config.jobs().stream().map(JobConfig::name).toList();
        for (GraphWarning warning : GraphChecks.of(config.eventGraph())) {
            int index = names.indexOf(warning.job());
            KeyPath path = KeyPath.root().key("jobs").index(index, warning.job());
            Node node = at(at(root, "jobs"), index);
            for (String key : warning.key().split("\\.")) {
                path = path.key(key);
                Node inner = at(node, key);
                node = inner == null ? node : inner;
            }
            found.add(new Problem(path.toString(), warning.message(), node == null ? Origin.UNKNOWN : node.origin()));
        }
        return found;
    }

    private static Node at(Node node, String key) {
        return node instanceof ObjectNode object ? object.fields().get(key) : null;
    }

    private static Node at(Node node, int index) {
        return node instanceof ArrayNode array && index >= 0 && index < array.items().size()
                ? array.items().get(index) : null;
    }
}
