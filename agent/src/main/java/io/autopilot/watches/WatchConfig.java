package io.autopilot.watches;

import io.autopilot.decode.Fields;
import io.autopilot.decode.KeyPath;
import io.autopilot.discovery.ServiceConfig;
import java.time.Duration;
import java.util.Optional;

/**
 * One entry of {@code watches}: a Consul service whose healthy instances the agent follows, or (ours besides,
 * ContainerPilot's issue 506) a KV key or prefix. Its events come from source {@code watch.<name>}.
 *
 * @param interval how often ContainerPilot polled; here it bounds how often a failing query is retried
 * @param tag only instances with this tag; empty for all
 * @param datacenter the {@code dc} key; empty for the local one
 * @param key a KV key to follow instead of service {@code name}; one ending in {@code /} is a prefix
 * @param saves whether the last result it published is saved as last-known-good data ({@code lastKnownGood})
 */
public record WatchConfig(String name, Duration interval, Optional<String> tag, Optional<String> datacenter,
        Optional<String> key, boolean saves) {

    /** A watch whose results are saved. */
    public WatchConfig(String name, Duration interval, Optional<String> tag, Optional<String> datacenter,
            Optional<String> key) {
        this(name, interval, tag, datacenter, key, true);
    }

    /** A service watch. */
    public WatchConfig(String name, Duration interval, Optional<String> tag, Optional<String> datacenter) {
        this(name, interval, tag, datacenter, Optional.empty());
    }

    public String source() {
        return "watch." + name;
    }

    public static Optional<WatchConfig> decode(Fields fields, KeyPath path) {
        Optional<String> key = fields.string("key");
        key.filter(k -> k.isBlank() || k.startsWith("/")).ifPresent(k -> fields.problem("key",
                "must be a Consul KV key such as \"app/config\" (or a prefix ending in '/'), not \"" + k + "\""));
        Optional<String> name = fields.requiredString("name");
        // With a key the name only names the event source; without one it is the Consul service to follow.
        name.filter(n -> key.isEmpty() && !ServiceConfig.SERVICE_NAME.matcher(n).matches()).ifPresent(n ->
                fields.problem("name", "\"" + n + "\" is not a Consul service name: it must start with a lower-case"
                        + " letter and contain only letters, digits and '-' (at least 2 characters)"));
        Optional<Duration> interval = Optional.empty();
        if (!fields.has("interval")) {
            fields.problem("interval", "is required");
        } else {
            interval = fields.duration("interval").filter(i -> {
                if (i.isNegative() || i.isZero()) {
                    fields.problem("interval", "must be > 0");
                    return false;
                }
                return true;
            });
        }
        Optional<String> tag = fields.string("tag").filter(t -> !t.isBlank());
        Optional<String> dc = fields.string("dc").filter(t -> !t.isBlank());
        if (key.isPresent() && tag.isPresent()) {
            fields.problem("tag", "applies to service watches; a watch with \"key\" follows a KV key");
        }
        boolean saves = fields.bool("lastKnownGood", true);
        if (name.isEmpty() || interval.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new WatchConfig(name.get(), interval.get(), tag, dc, key.filter(k -> !k.isBlank()),
                saves));
    }
}
