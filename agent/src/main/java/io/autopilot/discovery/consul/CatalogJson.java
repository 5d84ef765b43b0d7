package io.autopilot.discovery.consul;

import io.autopilot.discovery.KeyValue;
import io.autopilot.discovery.ServiceInstance;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads what Consul's health and KV endpoints return, in the order results are compared in. */
final class CatalogJson {
    private static final Comparator<ServiceInstance> BY_NODE_THEN_ID =
            Comparator.comparing(ServiceInstance::node).thenComparing(ServiceInstance::id);

    private CatalogJson() {
    }

    /** {@code GET /v1/health/service/<name>}: one entry per instance, with its node and service. */
    static List<ServiceInstance> instances(Buffer body) {
        List<ServiceInstance> instances = new ArrayList<>();
        for (Object item : array(body)) {
            JsonObject entry = (JsonObject) item;
            JsonObject node = entry.getJsonObject("Node", new JsonObject());
            JsonObject service = entry.getJsonObject("Service", new JsonObject());
            String address = service.getString("Address", "");
            instances.add(new ServiceInstance(
                    service.getString("ID", ""),
                    node.getString("Node", ""),
                    address.isEmpty() ? node.getString("Address", "") : address,
                    service.getInteger("Port", 0),
                    strings(service.getJsonArray("Tags")),
                    stringMap(service.getJsonObject("Meta"))));
        }
        instances.sort(BY_NODE_THEN_ID);
        return List.copyOf(instances);
    }

    /** {@code GET /v1/kv/<key>[?recurse]}: values are base64, or null for a key stored without one. */
    static List<KeyValue> keyValues(ConsulResponse response) {
        if (response.status() == 404) {
            return List.of();
        }
        List<KeyValue> entries = new ArrayList<>();
        for (Object item : array(response.body())) {
            JsonObject entry = (JsonObject) item;
            String value = entry.getString("Value");
            entries.add(new KeyValue(entry.getString("Key", ""), value == null ? ""
                    : new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
        }
        entries.sort(Comparator.comparing(KeyValue::key));
        return List.copyOf(entries);
    }

    private static JsonArray array(Buffer body) {
        return body.length() == 0 ? new JsonArray() : new JsonArray(body);
    }

    private static List<String> strings(JsonArray array) {
        return array == null ? List.of() : array.stream().map(String::valueOf).toList();
    }

    private static Map<String, String> stringMap(JsonObject object) {
        Map<String, String> map = new LinkedHashMap<>();
        if (object != null) {
            object.forEach(entry -> map.put(entry.getKey(), String.valueOf(entry.getValue())));
        }
        return map;
    }
}
