package io.autopilot.events;

import java.util.Objects;

/**
 * What a watch saw when it changed, for the jobs the change starts: its current instances (or KV entries) and those
 * added and removed since its previous result, each a JSON array. Text, because a job hands it to its process's
 * environment as it is, and because this package depends on nothing else of ours.
 */
public record WatchChange(String instances, String added, String removed) {
    /** For a {@link Event.Changed} published without details (tests, hand-made events). */
    public static final WatchChange NONE = new WatchChange("[]", "[]", "[]");

    public WatchChange {
        Objects.requireNonNull(instances, "instances");
        Objects.requireNonNull(added, "added");
        Objects.requireNonNull(removed, "removed");
    }
}
