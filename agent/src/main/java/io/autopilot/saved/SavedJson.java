package io.autopilot.saved;

import io.autopilot.discovery.KeyValue;
import io.autopilot.discovery.ServiceInstance;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The saved file's text: {@code {"format": 1, "source", "savedAt", "answers": [{"query", "entries": [...]}]}}, the
 * entries with the field names of Consul's own API as a watch hands them to jobs ({@code ID}, {@code Node},
 * {@code Address}, {@code Port}, {@code Tags}, {@code Meta}; {@code Key}, {@code Value}).
 */
final class SavedJson {
    /** Raised when the format changes; a file of another format is ignored, never guessed at. */
    static final int FORMAT = 1;

    private SavedJson() {
    }

    static String encode(String source, Saved saved) {
        JsonArray answers = new JsonArray();
        new TreeMap<>(saved.answers()).forEach((query, entries) -> {
            JsonArray encoded = new JsonArray();
            entries.forEach(entry -> encoded.add(entry(entry)));
            answers.add(new JsonObject().put("query", query).put("entries", encoded));
        });
        return new JsonObject().put("format", FORMAT).put("source", source)
                .put("savedAt", saved.savedAt().toString()).put("answers", answers).encode();
    }

    /**
     * The file's answers.
     *
     * @throws IllegalArgumentException naming what is wrong: not JSON, another format or source, a missing field
     */
    static Saved decode(String source, String text) {
        JsonObject file;
        try {
            file = new JsonObject(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("it is not a JSON object (truncated?): " + e.getMessage(), e);
        }
        Object format = file.getValue("format");
        if (!Integer.valueOf(FORMAT).equals(format)) {
            throw new IllegalArgumentException("it is of format " + format + ", not " + FORMAT);
        }
        if (!source.equals(file.getValue("source"))) {
            throw new IllegalArgumentException("it belongs to " + file.getValue("source") + ", not " + source);
        }
        try {
            Instant savedAt = Instant.parse(file.getString("savedAt"));
            Map<String, List<?>> answers = new LinkedHashMap<>();
            for (Object answer : file.getJsonArray("answers")) {
                JsonObject object = (JsonObject) answer;
                String query = object.getString("query");
                boolean service = query.startsWith(SavedAnswers.SERVICE);
                List<Object> entries = new ArrayList<>();
                for (Object entry : object.getJsonArray("entries")) {
                    entries.add(service ? instance((JsonObject) entry) : keyValue((JsonObject) entry));
                }
                answers.put(query, List.copyOf(entries));
            }
            return new Saved(savedAt, answers);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("its content is not what the agent writes: " + e, e);
        }
    }

    private static JsonObject entry(Object entry) {
        return switch (entry) {
            case ServiceInstance instance -> new JsonObject().put("ID", instance.id()).put("Node", instance.node())
                    .put("Address", instance.address()).put("Port", instance.port())
                    .put("Tags", new JsonArray(instance.tags()))
                    .put("Meta", new JsonObject(new TreeMap<String, Object>(instance.meta())));
            case KeyValue value -> new JsonObject().put("Key", value.key()).put("Value", value.value());
            default -> throw new IllegalArgumentException("not a Consul answer's entry: " + entry.getClass());
        };
    }

    private static ServiceInstance instance(JsonObject entry) {
        List<String> tags = new ArrayList<>();
        entry.getJsonArray("Tags").forEach(tag -> tags.add((String) tag));
        Map<String, String> meta = new LinkedHashMap<>();
        entry.getJsonObject("Meta").forEach(field -> meta.put(field.getKey(), (String) field.getValue()));
        return new ServiceInstance(required(entry, "ID"), required(entry, "Node"), required(entry, "Address"),
                entry.getInteger("Port"), tags, meta);
    }

    private static KeyValue keyValue(JsonObject entry) {
        return new KeyValue(required(entry, "Key"), required(entry, "Value"));
    }

    private static String required(JsonObject entry, String field) {
        String value = entry.getString(field);
        if (value == null) {
            throw new IllegalArgumentException("an entry has no " + field);
        }
        return value;
    }
}
