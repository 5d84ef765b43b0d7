package io.autopilot.control;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The request bodies of {@code /v3/environ} and {@code /v3/metric}: one JSON object each, checked whole before
 * anything is applied, so a bad request changes nothing. Problems are {@link BadBody} with a message for the client.
 */
final class JsonBodies {
    private JsonBodies() {
    }

    /** A body the control plane cannot take; its message says why, for the client. */
    static final class BadBody extends Exception {
        private static final long serialVersionUID = 1L;

        BadBody(String message) {
            super(message);
        }
    }

    /** Variable names to values; {@code null} is "" (ContainerPilot). */
    static Map<String, String> environment(String body) throws BadBody {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : parse(body)) {
            String name = entry.getKey();
            if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
                throw new BadBody("\"" + name + "\" is not an environment variable name");
            }
            switch (entry.getValue()) {
                case null -> values.put(name, "");
                case String text when text.indexOf('\0') < 0 -> values.put(name, text);
                case String text -> throw new BadBody("the value of " + name + " contains a NUL character");
                default -> throw new BadBody("the value of " + name + " must be a string, not "
                        + entry.getValue());
            }
        }
        return values;
    }

    /** Metric names to values: JSON numbers, or strings that hold one ({@code -putmetric} sends strings). */
    static Map<String, Double> metrics(String body) throws BadBody {
        Map<String, Double> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : parse(body)) {
            String name = entry.getKey();
            switch (entry.getValue()) {
                case Number number -> values.put(name, number.doubleValue());
                case String text -> values.put(name, number(name, text));
                case null, default -> throw new BadBody("the value of metric " + name + " must be a number, not "
                        + entry.getValue());
            }
        }
        return values;
    }

    /** A top-level JSON object; an empty body is refused. */
    static JsonObject parse(String body) throws BadBody {
        if (body.isBlank()) {
            throw new BadBody("the body must be a JSON object, and it is empty");
        }
        try {
            return new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            throw new BadBody("the body is not a JSON object: " + firstLine(e.getMessage()));
        }
    }

    private static double number(String name, String text) throws BadBody {
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new BadBody("the value of metric " + name + " is not a number: \"" + text + "\"");
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
