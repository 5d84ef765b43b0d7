package io.autopilot.discovery;

import io.autopilot.decode.Fields;
import io.autopilot.decode.KeyPath;
import io.autopilot.decode.Node;
import io.autopilot.decode.Node.TextNode;
import io.autopilot.decode.Problems;
import java.time.Duration;
import java.util.Optional;

/**
 * A lock in Consul as the configuration gives it: the top-level {@code leader} block (the key whose lock makes this
 * agent the leader of the agents that share it) and a job's {@code lock} (held while the job runs). {@code "key"}
 * alone is the short form; the object also sets the session's timing.
 *
 * @param ttl the session's TTL: without renewals (the agent killed, cut off from Consul) the lock is free again
 *     between one and two TTLs later, as Consul counts it
 * @param lockDelay how long Consul keeps a lost leader's key from everyone: the time its jobs have to stop
 */
public record LockConfig(String key, Duration ttl, Duration lockDelay) {
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_LOCK_DELAY = Duration.ofSeconds(5);

    /** The lock this agent takes, its key's value naming {@code holder}. */
    public LockSpec lock(String holder) {
        return new LockSpec(key, holder, ttl, lockDelay);
    }

    public static Optional<LockConfig> decode(Node node, KeyPath path, Problems problems) {
        if (node instanceof TextNode text) {
            return key(text.value(), path, node, problems)
                    .map(key -> new LockConfig(key, DEFAULT_TTL, DEFAULT_LOCK_DELAY));
        }
        return Fields.of(node, path, problems).flatMap(fields -> {
            Optional<String> key = fields.requiredString("key")
                    .flatMap(k -> key(k, fields.path("key"), fields.node("key").orElse(node), problems));
            Duration ttl = fields.duration("ttl").orElse(DEFAULT_TTL);
            if (ttl.compareTo(LockSpec.MINIMUM_TTL) < 0 || ttl.compareTo(LockSpec.MAXIMUM_TTL) > 0) {
                fields.problem("ttl", "must be between 10s and 24h (Consul's limits for a session)");
            }
            Duration lockDelay = fields.duration("lockDelay").orElse(DEFAULT_LOCK_DELAY);
            if (lockDelay.isNegative() || lockDelay.compareTo(LockSpec.MAXIMUM_LOCK_DELAY) > 0) {
                fields.problem("lockDelay", "must be between 0s and 60s (Consul's limits for a session)");
            }
            fields.finish();
            return key.map(k -> new LockConfig(k, ttl, lockDelay));
        });
    }

    private static Optional<String> key(String key, KeyPath path, Node node, Problems problems) {
        if (key.isBlank() || key.startsWith("/")) {
            problems.add(path, node.origin(), "must be a Consul KV key such as \"my-service/leader\", not \""
                    + key + "\"");
            return Optional.empty();
        }
        return Optional.of(key);
    }
}
