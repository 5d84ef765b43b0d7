package io.autopilot.watches;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A watch at one moment, for readers on any thread ({@code /status}, metrics).
 *
 * @param target the service name, or the KV key or prefix
 * @param results whether the watch has had a first result yet
 * @param instances how many healthy instances (or KV entries) the last result had
 * @param lastChange when the last {@code changed} was published; empty before the first
 * @param lastError the last failed query's reason while queries fail; empty once one succeeds
 * @param changes how many {@code changed} the watch has published
 * @param queries how many of its queries were answered (failed ones not included)
 * @param queryTime how long Consul took, in all, to answer them (a blocking query is held until a change or its wait)
 * @param savedAt while the watch's current result is last-known-good data (Consul has not answered since the agent
 *     started), when it was saved; empty once Consul answers
 */
public record WatchSnapshot(String name, String source, Kind kind, String target, boolean results, int instances,
        Optional<Instant> lastChange, Optional<String> lastError, long changes, long queries, Duration queryTime,
        Optional<Instant> savedAt) {

    /** With Consul's own answers. */
    public WatchSnapshot(String name, String source, Kind kind, String target, boolean results, int instances,
            Optional<Instant> lastChange, Optional<String> lastError, long changes, long queries,
            Duration queryTime) {
        this(name, source, kind, target, results, instances, lastChange, lastError, changes, queries, queryTime,
                Optional.empty());
    }

    /** What a watch follows. */
    public enum Kind {
        SERVICE, KEY
    }
}
