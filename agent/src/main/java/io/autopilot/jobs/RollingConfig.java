package io.autopilot.jobs;

import io.autopilot.decode.Fields;
import io.autopilot.discovery.LockConfig;
import io.autopilot.discovery.LockSpec;
import io.autopilot.discovery.SemaphoreSpec;
import java.time.Duration;
import java.util.Optional;

/**
 * A job's {@code rolling}: the restarts an operator, a template or a reload asks for take one of {@code max} slots of
 * a Consul semaphore shared by every agent running the service, so at most {@code max} instances restart at once.
 *
 * @param key the semaphore's prefix; by default {@code autopilot/rolling/<job name>}
 * @param ttl the session's TTL: a holder that dies frees its slot between one and two TTLs later
 * @param healthyTimeout how long a restarted instance may take to be healthy again before its slot is given up anyway
 */
public record RollingConfig(int max, String key, Duration ttl, Duration healthyTimeout) {
    public static final Duration DEFAULT_HEALTHY_TIMEOUT = Duration.ofSeconds(60);
    public static final String KEY_PREFIX = "autopilot/rolling/";

    /** The semaphore this agent's job contends for, its contender key naming {@code holder}. */
    public SemaphoreSpec semaphore(String holder) {
        return new SemaphoreSpec(key, holder, max, ttl);
    }

    /** Decodes {@code rolling} of job {@code job}; the checks that need the rest of the job are the job's. */
    static Optional<RollingConfig> decode(Fields fields, String job) {
        if (!fields.has("max")) {
            fields.problem("max", "is required: how many instances of the service may restart at once");
        }
        Optional<Long> max = fields.integer("max", 1, 1000);
        String key = fields.string("key").orElse(KEY_PREFIX + job);
        if (key.isBlank() || key.startsWith("/") || key.endsWith("/")) {
            fields.problem("key", "must be a Consul KV prefix such as \"my-service/rolling\", not \"" + key + "\"");
        }
        Duration ttl = fields.duration("ttl").orElse(LockConfig.DEFAULT_TTL);
        if (ttl.compareTo(LockSpec.MINIMUM_TTL) < 0 || ttl.compareTo(LockSpec.MAXIMUM_TTL) > 0) {
            fields.problem("ttl", "must be between 10s and 24h (Consul's limits for a session)");
        }
        Duration healthyTimeout = fields.duration("healthyTimeout").orElse(DEFAULT_HEALTHY_TIMEOUT);
        if (!healthyTimeout.isPositive()) {
            fields.problem("healthyTimeout", "must be positive");
        }
        return max.map(n -> new RollingConfig(n.intValue(), key, ttl, healthyTimeout));
    }
}
