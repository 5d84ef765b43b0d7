package io.autopilot.watches;

import io.autopilot.decode.Fields;
import io.autopilot.decode.KeyPath;
import io.autopilot.discovery.ServiceConfig;
import java.time.Duration;
import java.util.Optional;

/**
 * One entry of {@code watches}: a Consul service whose healthy instances the agent follows. Its events come from
 * source {@code watch.<name>}.
 *
 * @param interval how often ContainerPilot polled; here it bounds how often a failing query is retried
 * @param tag only instances with this tag; empty for all
 * @param datacenter the {@code dc} key; empty for the local one
 */
public record WatchConfig(String name, Duration interval, Optional<String> tag, Optional<String> datacenter) {

    public String source() {
        return "watch." + name;
    }

    public static Optional<WatchConfig> decode(Fields fields, KeyPath path) {
        Optional<String> name = fields.requiredString("name");
        name.filter(n -> !ServiceConfig.SERVICE_NAME.matcher(n).matches()).ifPresent(n -> fields.problem("name",
                "\"" + n + "\" is not a Consul service name: it must start with a lower-case letter and contain only"
                        + " letters, digits and '-' (at least 2 characters)"));
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
        if (name.isEmpty() || interval.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new WatchConfig(name.get(), interval.get(), tag, dc));
    }
}
