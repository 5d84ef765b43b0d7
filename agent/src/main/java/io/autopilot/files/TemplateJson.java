package io.autopilot.files;

import io.autopilot.templates.ArgumentException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * consul-template's {@code toJSON} and {@code parseJSON}. Instances and KV entries are written with the field names
 * templates use ({@code ID}, {@code Address}, {@code Key}, …), as consul-template's Go structs are, and map keys in
 * order, so the same data always renders the same text.
 */
final class TemplateJson {
    /**
     * Arrays and objects inside one another in a value {@code parseJSON} reads: the JSON parser and the conversion
     * recurse for each level, on a 256 KiB stack. The same bound as the configuration's JSON5.
     */
    static final int MAX_DEPTH = 32;

    private TemplateJson() {
    }

    static String encode(Object value) {
        return Json.encode(plain(value));
    }

    /** An object becomes a map, an array a list; numbers, strings, booleans and null as they are. */
    static Object decode(String text) {
        if (depth(text) > MAX_DEPTH) {
            throw new ArgumentException("parseJSON: arrays and objects nested deeper than " + MAX_DEPTH
                    + " levels, the limit");
        }
        try {
            Object value = Json.decodeValue(text);
            return value instanceof JsonObject || value instanceof JsonArray ? unwrap(value) : value;
        } catch (DecodeException e) {
            throw new ArgumentException("parseJSON: not JSON: " + e.getMessage());
        }
    }

    /** The deepest nesting of brackets outside strings; malformed text is left for the parser to describe. */
    private static int depth(String text) {
        int depth = 0;
        int deepest = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                deepest = Math.max(deepest, ++depth);
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
        return deepest;
    }

    private static Object plain(Object value) {
        return switch (value) {
            case Instance i -> {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("ID", i.id());
                fields.put("Name", i.name());
                fields.put("Node", i.node());
                fields.put("Address", i.address());
                fields.put("Port", i.port());
                fields.put("Tags", i.tags());
                fields.put("Meta", plain(i.meta()));
                yield fields;
            }
            case KeyPair pair -> {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("Key", pair.key());
                fields.put("Value", pair.value());
                yield fields;
            }
            case Map<?, ?> map -> { // keys in order, as Go's encoding/json writes them
                Map<String, Object> copy = new TreeMap<>();
                map.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
                yield copy;
            }
            case List<?> list -> list.stream().map(TemplateJson::plain).toList();
            case null, default -> value;
        };
    }

    private static Object unwrap(Object value) {
        return switch (value) {
            case JsonObject object -> {
                Map<String, Object> map = new LinkedHashMap<>();
                object.forEach(entry -> map.put(entry.getKey(), unwrap(entry.getValue())));
                yield map;
            }
            case JsonArray array -> array.stream().map(TemplateJson::unwrap).toList();
            case null, default -> value;
        };
    }
}
