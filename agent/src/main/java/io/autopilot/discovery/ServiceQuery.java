package io.autopilot.discovery;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a service watch follows: the passing instances of {@code name}, optionally only those with {@code tag}, in
 * datacenter {@code datacenter} (the local one when empty).
 *
 * @param retryInterval the longest pause between retries of a failing query. The watch never polls: a healthy
 *     watch waits on Consul for the next change, so this bounds only how often errors are retried.
 */
public record ServiceQuery(String name, Optional<String> tag, Optional<String> datacenter, Duration retryInterval) {

    public ServiceQuery {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(datacenter, "datacenter");
        if (retryInterval.isNegative() || retryInterval.isZero()) {
            throw new IllegalArgumentException("the retry interval must be positive, not " + retryInterval);
        }
    }

    public static ServiceQuery of(String name, Duration retryInterval) {
        return new ServiceQuery(name, Optional.empty(), Optional.empty(), retryInterval);
    }

    public ServiceQuery withTag(String newTag) {
        return new ServiceQuery(name, Optional.of(newTag), datacenter, retryInterval);
    }

    public ServiceQuery withDatacenter(String newDatacenter) {
        return new ServiceQuery(name, tag, Optional.of(newDatacenter), retryInterval);
    }
}
