package io.autopilot.discovery;

import io.autopilot.decode.Fields;
import io.autopilot.decode.Node;
import io.autopilot.decode.Node.ArrayNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an {@code interfaces} key: one spec or a list of them. Absent or empty means
 * {@link InterfaceSpec#DEFAULTS}, as in ContainerPilot. Each malformed spec is a problem of its own, placed at its
 * element.
 */
public final class Interfaces {
    private Interfaces() {
    }

    public static List<InterfaceSpec> decode(Fields fields, String key) {
        List<String> texts = fields.strings(key).orElse(List.of());
        List<Node> items = fields.node(key).filter(ArrayNode.class::isInstance).map(n -> ((ArrayNode) n).items())
                .orElse(List.of());
        List<InterfaceSpec> specs = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            try {
                specs.add(InterfaceSpec.parse(texts.get(i)));
            } catch (IllegalArgumentException e) {
                if (items.isEmpty()) {
                    fields.problem(key, e.getMessage());
                } else {
                    fields.problems().add(fields.path(key).index(i), items.get(i).origin(), e.getMessage());
                }
            }
        }
        return specs.isEmpty() ? InterfaceSpec.DEFAULTS : List.copyOf(specs);
    }
}
