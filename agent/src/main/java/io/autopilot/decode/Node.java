package io.autopilot.decode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One value of the raw configuration tree, with where it was written. */
public sealed interface Node {
    Origin origin();

    /** What the user would call this kind of value, for messages: "an object", "a string", … */
    String kind();

    /** The value as a message shows it: a string quoted, a number as written, anything else by its kind. */
    default String shown() {
        return switch (this) {
            case TextNode text -> "\"" + text.value() + "\"";
            case NumberNode number -> number.text();
            default -> kind();
        };
    }

    /** An object; keys keep the order of the file. */
    record ObjectNode(Map<String, Node> fields, Origin origin) implements Node {
        public ObjectNode {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        @Override
        public String kind() {
            return "an object";
        }
    }

    record ArrayNode(List<Node> items, Origin origin) implements Node {
        public ArrayNode {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "an array";
        }
    }

    record TextNode(String value, Origin origin) implements Node {
        @Override
        public String kind() {
            return "a string";
        }
    }

    /** A number; {@code text} is how it was written (for messages and for telling 5 from 5.0). */
    record NumberNode(double value, String text, Origin origin) implements Node {
        public boolean isIntegral() {
            return Double.isFinite(value) && value == Math.rint(value) && !text.contains(".") && !text.contains("e")
                    && !text.contains("E");
        }

        @Override
        public String kind() {
            return "a number";
        }
    }

    record BoolNode(boolean value, Origin origin) implements Node {
        @Override
        public String kind() {
            return "a boolean";
        }
    }

    record NullNode(Origin origin) implements Node {
        @Override
        public String kind() {
            return "null";
        }
    }
}
