package io.autopilot.control;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The request bodies of {@code /v3/environ}, {@code /v3/metric} and a job's {@code signal}: one flat JSON object
 * each, whose values are strings, numbers, {@code true}, {@code false} or {@code null}, checked whole before anything
 * is applied, so a bad request changes nothing. The body is read as a stream of tokens and an object or array as a
 * value is refused where it starts: nothing is nested, so a deeply nested body costs one token, not a stack frame per
 * level. Problems are {@link BadBody} with a message for the client.
 */
final class JsonBodies {
    private static final JsonFactory JSON = new JsonFactory();
    /** What {@code -putmetric} sends as a string: a decimal number, as Go's and Java's parsers both read it. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    /** What Go's parser, ContainerPilot's, reads as infinite or not a number. */
    private static final Pattern NOT_FINITE = Pattern.compile("(?i)[+-]?(inf|infinity|nan)");

    private JsonBodies() {
    }

    /** A body the control plane cannot take; its message says why, for the client. */
    static final class BadBody extends Exception {
        private static final long serialVersionUID = 1L;
        /** The name in the body the problem is about, or "" for the body as a whole. */
        private final String name;

        BadBody(String message) {
            this("", message);
        }

        BadBody(String name, String message) {
            super(message);
            this.name = name;
        }

        String name() {
            return name;
        }
    }

    /** Variable names to values; {@code null} is "" (ContainerPilot). */
    static Map<String, String> environment(Buffer body) throws BadBody {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : object(body).entrySet()) {
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

    /**
     * Metric names to values: JSON numbers, or strings that hold one ({@code -putmetric} sends strings). A value that
     * is not finite ({@code 1e400}, {@code "Infinity"}, {@code "NaN"}) is refused for every metric: a counter would
     * stay at {@code +Inf} for good, and a histogram would silently drop it.
     */
    static Map<String, Double> metrics(Buffer body) throws BadBody {
        Map<String, Double> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : object(body).entrySet()) {
            String name = entry.getKey();
            double value = switch (entry.getValue()) {
                case Number number -> number.doubleValue();
                case String text -> number(name, text);
                case null, default -> throw new BadBody(name, "the value of metric " + name
                        + " must be a number, not " + entry.getValue());
            };
            if (!Double.isFinite(value)) {
                throw notFinite(name, entry.getValue());
            }
            values.put(name, value);
        }
        return values;
    }

    /**
     * A top-level JSON object of scalars, in order, the last of a repeated name winning; an empty body is refused.
     * Integers are {@code Integer}, {@code Long} or {@code BigInteger}, other numbers {@code BigDecimal} (exact, so a
     * message shows what was sent).
     */
    static Map<String, Object> object(Buffer body) throws BadBody {
        if (body.toString().isBlank()) {
            throw new BadBody("the body must be a JSON object, and it is empty");
        }
        try (JsonParser parser = JSON.createParser(body.getBytes())) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new BadBody("the body must be a JSON object, not " + kind(first));
            }
            Map<String, Object> values = new LinkedHashMap<>();
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                values.put(name, scalar(parser, name));
            }
            if (parser.nextToken() != null) {
                throw new BadBody("the body must be one JSON object; more follows it at "
                        + where(parser.currentLocation()));
            }
            return values;
        } catch (JsonProcessingException e) {
            throw new BadBody("the body is not a JSON object: " + e.getOriginalMessage() + " at "
                    + where(e.getLocation()));
        } catch (IOException | NumberFormatException e) {
            throw new BadBody("the body is not a JSON object: " + e.getMessage());
        }
    }

    private static Object scalar(JsonParser parser, String name) throws IOException, BadBody {
        JsonToken token = parser.nextToken();
        return switch (token) {
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getNumberValue();
            case VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
            case VALUE_TRUE, VALUE_FALSE -> parser.getBooleanValue();
            case VALUE_NULL -> null;
            case null, default -> throw new BadBody(name, "the value of " + name + " is " + kind(token)
                    + ": nothing in a body is nested");
        };
    }

    private static double number(String name, String text) throws BadBody {
        String decimal = text.strip();
        if (NOT_FINITE.matcher(decimal).matches()) {
            throw notFinite(name, text);
        }
        if (!DECIMAL.matcher(decimal).matches()) {
            throw new BadBody(name, "the value of metric " + name + " is not a number: \"" + text + "\"");
        }
        return Double.parseDouble(decimal); // 1e400 is Infinity, refused as not finite
    }

    private static BadBody notFinite(String name, Object value) {
        return new BadBody(name, "the value of metric " + name + " is not a finite number: " + shown(value));
    }

    private static String kind(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case null, default -> "nothing";
        };
    }

    private static String where(JsonLocation location) {
        return location == null ? "its end" : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String shown(Object value) {
        return value instanceof String text ? "\"" + text + "\"" : String.valueOf(value);
    }
}
