package io.autopilot.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import io.autopilot.decode.Node;
import io.autopilot.decode.Node.ArrayNode;
import io.autopilot.decode.Node.BoolNode;
import io.autopilot.decode.Node.NullNode;
import io.autopilot.decode.Node.NumberNode;
import io.autopilot.decode.Node.ObjectNode;
import io.autopilot.decode.Node.TextNode;
import io.autopilot.decode.Origin;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a resolved Typesafe Config tree into {@link Node}s. Typesafe knows the line of a value but not its column,
 * so origins have column 0.
 *
 * <p>A value that came from a substitution carries the origin of where it was defined (for the environment: none),
 * so the line is taken from the same place in the tree as written, before resolution: that is where the user wrote
 * {@code ${PORT}}. When neither knows, the value takes the line of its parent.
 *
 * <p>Typesafe's objects do not keep the order of the file, so keys are ordered by line, then by name; problems found
 * later are then reported in file order.
 */
final class HoconTree {
    private final RenderedSource source;

    private HoconTree(RenderedSource source) {
        this.source = source;
    }

    static Node convert(ConfigObject resolved, ConfigObject written, RenderedSource source) {
        return new HoconTree(source).node(resolved, written, lineOf(resolved, written, 1));
    }

    private Node node(ConfigValue value, ConfigValue written, int line) {
        Origin origin = source.originOfLine(line);
        return switch (value.valueType()) {
            case OBJECT -> object((ConfigObject) value, written, line, origin);
            case LIST -> array((ConfigList) value, written, line, origin);
            case NUMBER -> number((Number) value.unwrapped(), origin);
            case BOOLEAN -> new BoolNode((Boolean) value.unwrapped(), origin);
            case NULL -> new NullNode(origin);
            case STRING -> new TextNode((String) value.unwrapped(), origin);
        };
    }

    private record Member(String key, int line, Node node) {
    }

    private ObjectNode object(ConfigObject object, ConfigValue written, int line, Origin origin) {
        List<Member> members = new ArrayList<>();
        object.forEach((key, value) -> {
            ConfigValue writtenValue = member(written, key);
            int valueLine = lineOf(value, writtenValue, line);
            members.add(new Member(key, valueLine, node(value, writtenValue, valueLine)));
        });
        members.sort(Comparator.comparingInt(Member::line).thenComparing(Member::key));
        Map<String, Node> fields = new LinkedHashMap<>();
        members.forEach(member -> fields.put(member.key(), member.node()));
        return new ObjectNode(fields, origin);
    }

    private ArrayNode array(ConfigList list, ConfigValue written, int line, Origin origin) {
        // A ${?X} that resolved to nothing removes its element; then positions no longer match what was written.
        ConfigList writtenList = written instanceof ConfigList same && same.size() == list.size() ? same : null;
        List<Node> items = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            ConfigValue writtenItem = writtenList == null ? null : writtenList.get(i);
            items.add(node(list.get(i), writtenItem, lineOf(list.get(i), writtenItem, line)));
        }
        return new ArrayNode(items, origin);
    }

    /** Integers without a spurious ".0"; Typesafe gives Integer, Long or Double (huge integers stay strings). */
    private static NumberNode number(Number number, Origin origin) {
        double value = number.doubleValue();
        String text = switch (number) {
            case Integer i -> i.toString();
            case Long l -> l.toString();
            default -> value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                    : Double.toString(value);
        };
        return new NumberNode(value, text, origin);
    }

    private static ConfigValue member(ConfigValue written, String key) {
        if (!(written instanceof ConfigObject object)) {
            return null;
        }
        try {
            return object.get(key);
        } catch (ConfigException e) {
            return null; // an object merged with a substitution cannot be looked into before resolution
        }
    }

    private static int lineOf(ConfigValue value, ConfigValue written, int fallback) {
        if (written != null && written.origin().lineNumber() > 0) {
            return written.origin().lineNumber();
        }
        return value.origin().lineNumber() > 0 ? value.origin().lineNumber() : fallback;
    }
}
