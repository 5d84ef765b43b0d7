package io.autopilot.health;

import io.autopilot.decode.Fields;
import io.autopilot.decode.KeyPath;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A job's {@code health} block: the check (none means "always healthy": every interval just refreshes the Consul
 * TTL), how often it runs, the Consul TTL, how long one run may take, and how many results in a row change the
 * job's health.
 *
 * @param check what runs: a command, an HTTP request or a TCP connection; empty for a TTL-only job
 * @param ttl the Consul TTL; zero when the job is not registered (it is required only with {@code port})
 * @param timeout defaults to {@code interval}
 * @param raw whether an exec check's output bypasses the agent's log ({@code logging.raw})
 */
public record HealthConfig(Optional<CheckConfig> check, Duration interval, Duration ttl, Duration timeout,
                           boolean raw, Thresholds thresholds) {

    /** The exec check's argv; empty when the check is not a command. */
    public List<String> exec() {
        return check.filter(ExecCheckConfig.class::isInstance).map(c -> ((ExecCheckConfig) c).argv())
                .orElse(List.of());
    }

    /** @param registered whether the job has a {@code port}, which makes {@code ttl} required */
    public static Optional<HealthConfig> decode(Fields fields, KeyPath path, boolean registered) {
        Optional<CheckConfig> check = CheckConfig.decode(fields);
        Optional<Duration> interval = positive(fields, "interval", true);
        Optional<Duration> ttl = positive(fields, "ttl", registered);
        Optional<Duration> timeout = fields.duration("timeout", Duration.ofMillis(1));
        boolean raw = fields.object("logging", (logging, p) -> logging.bool("raw", false)).orElse(false);
        Thresholds thresholds = Thresholds.decode(fields);
        if (interval.isEmpty() || (registered && ttl.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new HealthConfig(check, interval.get(), ttl.orElse(Duration.ZERO),
                timeout.orElse(interval.get()), raw, thresholds));
    }

    private static Optional<Duration> positive(Fields fields, String key, boolean required) {
        if (!fields.has(key)) {
            if (required) {
                fields.problem(key, "is required");
            }
            return Optional.empty();
        }
        Optional<Duration> value = fields.duration(key);
        if (value.isPresent() && (value.get().isNegative() || value.get().isZero())) {
            fields.problem(key, "must be > 0");
            return Optional.empty();
        }
        return value;
    }
}
