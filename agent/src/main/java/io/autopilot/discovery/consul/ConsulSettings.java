package io.autopilot.discovery.consul;

import io.autopilot.retry.Backoff;
import java.time.Duration;

/**
 * How {@link ConsulConnections} paces itself and how many connections it may open. {@link #DEFAULTS} suit
 * production; tests shorten them.
 *
 * @param requestTimeout how long any request but a blocking query may take before Consul counts as unreachable
 * @param blockingWait how long Consul may hold a blocking query open ({@code wait}); the request may take that,
 *     plus the up to 1/16 Consul adds as jitter, plus {@code requestTimeout}
 * @param retry the backoff of calls that find Consul unreachable; a watch's is capped by its retry interval
 * @param blockingConnections the most connections blocking queries (watches, templates) hold at once; a query beyond
 *     them waits for one to answer
 * @param agentConnections the most connections registrations, check updates and deregistrations use at once; kept
 *     apart so that blocking queries never hold up a TTL update
 */
public record ConsulSettings(Duration requestTimeout, Duration blockingWait, Backoff retry, int blockingConnections,
        int agentConnections) {
    /**
     * A minute of {@code wait}, as consul-template uses: long enough to be cheap, short enough for idle proxies.
     * 64 + 4 connections stay well below Consul's default limit of 200 per client address
     * ({@code limits.http_max_conns_per_client}), which the application beside the agent may need too.
     */
    public static final ConsulSettings DEFAULTS = new ConsulSettings(Duration.ofSeconds(10), Duration.ofSeconds(60),
            Duration.ofSeconds(1), Duration.ofSeconds(30));

    public ConsulSettings {
        if (blockingConnections < 1 || agentConnections < 1) {
            throw new IllegalArgumentException("Consul needs at least one connection of each kind, not "
                    + blockingConnections + " and " + agentConnections);
        }
    }

    /** With the default connection budget: 64 for blocking queries, 4 for the agent's own services. */
    public ConsulSettings(Duration requestTimeout, Duration blockingWait, Duration retryInitial, Duration retryMax) {
        this(requestTimeout, blockingWait, new Backoff(retryInitial, retryMax), 64, 4);
    }

    /** The same settings with another connection budget. */
    public ConsulSettings withConnections(int blocking, int agent) {
        return new ConsulSettings(requestTimeout, blockingWait, retry, blocking, agent);
    }

    Duration blockingRequestTimeout() {
        return blockingWait.plus(blockingWait.dividedBy(16)).plus(requestTimeout);
    }
}
