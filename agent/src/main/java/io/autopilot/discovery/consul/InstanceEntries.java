package io.autopilot.discovery.consul;

import io.autopilot.discovery.ServiceInstance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the agent keeps of {@code GET /v1/health/service/<name>}: per entry, the service's ID, address (the node's when
 * the service has none, Consul's own rule), port, tags and meta, and the node's name, sorted by node then ID as
 * results are compared. Everything else (checks, weights, proxy settings, the node's own meta) is read past.
 *
 * <p>Instances of one service mostly share their node names, tags and meta: each distinct one is kept once per
 * answer, which more than halves what thousands of instances cost.
 */
final class InstanceEntries implements JsonArrayReader.EntryReader<List<ServiceInstance>> {
    private static final Comparator<ServiceInstance> BY_NODE_THEN_ID =
            Comparator.comparing(ServiceInstance::node).thenComparing(ServiceInstance::id);

    private final List<ServiceInstance> instances = new ArrayList<>();
    private final Map<Object, Object> distinct = new HashMap<>();
    private String id = "";
    private String node = "";
    private String nodeAddress = "";
    private String address = "";
    private int port;
    private List<String> tags = new ArrayList<>();
    private Map<String, String> meta = new LinkedHashMap<>();

    /** Decodes one answer. */
    static AnswerDecoder<List<ServiceInstance>> decoder() {
        return new JsonArrayReader<>(new InstanceEntries());
    }

    /** Dispatches on the way to the value, most of which (checks, proxy settings) is read past at the first name. */
    @Override
    public void value(JsonArrayReader.Value value) {
        int depth = value.depth();
        String section = value.name(0);
        String field = depth > 1 ? value.name(1) : null;
        if (field == null) {
            return;
        }
        if (depth == 2 && "Node".equals(section)) {
            switch (field) {
                case "Node" -> node = orEmpty(value.text());
                case "Address" -> nodeAddress = orEmpty(value.text());
                default -> { }
            }
        } else if (depth == 2 && "Service".equals(section)) {
            switch (field) {
                case "ID" -> id = orEmpty(value.text());
                case "Address" -> address = orEmpty(value.text());
                case "Port" -> port = value.intValue();
                default -> { }
            }
        } else if (depth == 3 && "Service".equals(section)) {
            String key = value.name(2);
            if (field.equals("Tags") && key == null) {
                tags.add(String.valueOf(value.text()));
            } else if (field.equals("Meta") && key != null) {
                meta.put(key, String.valueOf(value.text()));
            }
        }
    }

    @Override
    public void endOfEntry() {
        instances.add(new ServiceInstance(id, once(node), address.isEmpty() ? once(nodeAddress) : address, port,
                once(List.copyOf(tags)), once(Map.copyOf(meta))));
        id = "";
        node = "";
        nodeAddress = "";
        address = "";
        port = 0;
        tags = new ArrayList<>();
        meta = new LinkedHashMap<>();
    }

    @Override
    public List<ServiceInstance> result() {
        instances.sort(BY_NODE_THEN_ID);
        return List.copyOf(instances);
    }

    /** The first equal value this answer kept, or this one, kept from now on. */
    @SuppressWarnings("unchecked")
    private <V> V once(V value) {
        return (V) distinct.computeIfAbsent(value, first -> first);
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
