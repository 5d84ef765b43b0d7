package io.autopilot.decode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Collects every problem of one load, so that the user sees them all in one run. Confined to the loading thread. */
public final class Problems {
    private final List<Problem> found = new ArrayList<>();
    private final Set<String> keysRead = new TreeSet<>();

    public void add(KeyPath path, Origin origin, String message) {
        found.add(new Problem(path.toString(), message, origin));
    }

    public void add(Problem problem) {
        found.add(problem);
    }

    /** Notes that a decoder reads {@code path}, so tests can hold the decoders against the JSON Schema. */
    void keyRead(KeyPath path) {
        keysRead.add(path.pattern());
    }

    /** Every key pattern a decoder asked for during this load ({@code jobs[].health.interval}, …). */
    public Set<String> keysRead() {
        return Collections.unmodifiableSet(keysRead);
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    /** In file order, then in the order found. */
    public List<Problem> list() {
        List<Problem> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingInt((Problem p) -> p.origin().line() <= 0 ? Integer.MAX_VALUE : p.origin().line()));
        return List.copyOf(sorted);
    }
}
