package io.autopilot.config;

import io.autopilot.decode.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A node tree as plain Java values (maps keep their order, numbers are doubles), for whole-tree assertions. */
final class PlainValues {
    private PlainValues() {
    }

    static List<Object> list(Node node) {
        return new ArrayList<>((List<?>) of(node));
    }

    static Map<String, Object> object(Node node) {
        Map<String, Object> map = new LinkedHashMap<>();
        ((Map<?, ?>) of(node)).forEach((key, value) -> map.put((String) key, value));
        return map;
    }

    /** The node at a path of keys (strings) and indexes (integers). */
    static Node at(Node node, Object... path) {
        for (Object step : path) {
            node = step instanceof String key ? ((Node.ObjectNode) node).fields().get(key)
                    : ((Node.ArrayNode) node).items().get((Integer) step);
        }
        return node;
    }

    static Object of(Node node) {
        return switch (node) {
            case Node.ObjectNode object -> {
                Map<String, Object> map = new LinkedHashMap<>();
                object.fields().forEach((key, value) -> map.put(key, of(value)));
                yield map;
            }
            case Node.ArrayNode array -> {
                List<Object> list = new ArrayList<>();
                array.items().forEach(item -> list.add(of(item)));
                yield list;
            }
            case Node.TextNode text -> text.value();
            case Node.NumberNode number -> number.value();
            case Node.BoolNode bool -> bool.value();
            case Node.NullNode ignored -> null;
        };
    }
}
