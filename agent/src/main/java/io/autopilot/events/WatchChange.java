package io.autopilot.events;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a watch saw when it changed, for the jobs the change starts: its current instances (or KV entries) and those
 * added and removed since its previous result, each a JSON array. Text, because a job hands it to its process's
 * environment as it is, and because this package depends on nothing else of ours.
 */
public record WatchChange(String instances, String added, String removed, Optional<Instant> savedAt) {
    /** For a {@link Event.Changed} published without details (tests, hand-made events). */
    public static final WatchChange NONE = new WatchChange("[]", "[]", "[]");

    /**
     * @param savedAt when the instances were saved, for a change published from last-known-good data while Consul
     *     does not answer; empty for Consul's own answer
     */
    public WatchChange {
        Objects.requireNonNull(instances, "instances");
        Objects.requireNonNull(added, "added");
        Objects.requireNonNull(removed, "removed");
        Objects.requireNonNull(savedAt, "savedAt");
    }

    /** From Consul's own answer. */
    public WatchChange(String instances, String added, String removed) {
        this(instances, added, removed, Optional.empty());
    }
}
