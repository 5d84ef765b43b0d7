package io.autopilot.watches;

import io.autopilot.discovery.KeyValue;
import io.autopilot.discovery.ServiceInstance;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.TreeMap;

/**
 * What a watch hands to the jobs it triggers, as JSON arrays, with the field names of Consul's own API so scripts
 * written against {@code /v1/health/service} read it alike: {@code [{"ID","Node","Address","Port","Tags","Meta"}]}
 * for services, {@code [{"Key","Value"}]} (the value as text) for keys.
 */
final class WatchJson {
    private WatchJson() {
    }

    static String encode(List<?> entries) {
        JsonArray array = new JsonArray();
        for (Object entry : entries) {
            array.add(switch (entry) {
                case ServiceInstance instance -> new JsonObject()
                        .put("ID", instance.id())
                        .put("Node", instance.node())
                        .put("Address", instance.address())
                        .put("Port", instance.port())
                        .put("Tags", new JsonArray(instance.tags()))
                        .put("Meta", new JsonObject(new TreeMap<String, Object>(instance.meta())));
                case KeyValue value -> new JsonObject().put("Key", value.key()).put("Value", value.value());
                default -> throw new IllegalArgumentException("not a watch entry: " + entry.getClass());
            });
        }
        return array.encode();
    }
}
