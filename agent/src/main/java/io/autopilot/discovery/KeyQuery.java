package io.autopilot.discovery;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a KV watch follows: one key, or every key under a prefix.
 *
 * @param retryInterval the longest pause between retries of a failing query (see {@link ServiceQuery})
 */
public record KeyQuery(String key, boolean prefix, Optional<String> datacenter, Duration retryInterval) {

    public KeyQuery {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(datacenter, "datacenter");
        if (retryInterval.isNegative() || retryInterval.isZero()) {
            throw new IllegalArgumentException("the retry interval must be positive, not " + retryInterval);
        }
    }

    public static KeyQuery key(String key, Duration retryInterval) {
        return new KeyQuery(key, false, Optional.empty(), retryInterval);
    }

    public static KeyQuery prefix(String prefix, Duration retryInterval) {
        return new KeyQuery(prefix, true, Optional.empty(), retryInterval);
    }
}
