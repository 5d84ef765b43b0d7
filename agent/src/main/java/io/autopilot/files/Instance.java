package io.autopilot.files;

import io.autopilot.discovery.ServiceInstance;
import java.util.List;
import java.util.Map;

/**
 * A passing instance of a service as a template sees it, with consul-template's field names: {@code .ID},
 * {@code .Name}, {@code .Node}, {@code .Address}, {@code .Port}, {@code .Tags}, {@code .Meta} (also
 * {@code .ServiceMeta}).
 */
public record Instance(String id, String name, String node, String address, int port, List<String> tags,
        Map<String, String> meta) {

    public Instance {
        tags = List.copyOf(tags);
        meta = Map.copyOf(meta);
    }

    static Instance of(String service, ServiceInstance instance) {
        return new Instance(instance.id(), service, instance.node(), instance.address(), instance.port(),
                instance.tags(), instance.meta());
    }

    // Go's exported name; the template engine maps .Name to name() by itself, but not .ID to id().
    public String ID() {
        return id;
    }

    public Map<String, String> ServiceMeta() {
        return meta;
    }
}
