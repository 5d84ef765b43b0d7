package io.autopilot.discovery.consul;

import java.time.Duration;

/**
 * How {@link ConsulDiscovery} paces itself. {@link #DEFAULTS} suit production; tests shorten them.
 *
 * @param requestTimeout how long any request but a blocking query may take before Consul counts as unreachable
 * @param blockingWait how long Consul may hold a blocking query open ({@code wait}); the request may take that,
 *     plus the up to 1/16 Consul adds as jitter, plus {@code requestTimeout}
 * @param retry the backoff of calls that find Consul unreachable; a watch's is capped by its retry interval
 */
public record ConsulSettings(Duration requestTimeout, Duration blockingWait, Backoff retry) {
    /** A minute of {@code wait}, as consul-template uses: long enough to be cheap, short enough for idle proxies. */
    public static final ConsulSettings DEFAULTS = new ConsulSettings(Duration.ofSeconds(10), Duration.ofSeconds(60),
            Duration.ofSeconds(1), Duration.ofSeconds(30));

    public ConsulSettings(Duration requestTimeout, Duration blockingWait, Duration retryInitial, Duration retryMax) {
        this(requestTimeout, blockingWait, new Backoff(retryInitial, retryMax));
    }

    Duration blockingRequestTimeout() {
        return blockingWait.plus(blockingWait.dividedBy(16)).plus(requestTimeout);
    }
}
