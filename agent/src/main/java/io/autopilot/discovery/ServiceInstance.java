package io.autopilot.discovery;

import java.util.List;
import java.util.Map;

/**
 * One healthy instance of a watched service. Two results differ when any instance differs in any of these parts
 * (ContainerPilot compared only the address and port, so a tag or meta change went unnoticed).
 *
 * @param node the Consul node the instance is registered on
 * @param address the service address, or the node's address when the service has none (Consul's own rule)
 */
public record ServiceInstance(String id, String node, String address, int port, List<String> tags,
        Map<String, String> meta) {

    public ServiceInstance {
        tags = List.copyOf(tags);
        meta = Map.copyOf(meta);
    }
}
