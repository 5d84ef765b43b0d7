package io.autopilot.decode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every problem of one load, so that the user sees them all in one run. Confined to the loading thread. */
public final class Problems {
    private final List<Problem> found = new ArrayList<>();

    public void add(KeyPath path, Origin origin, String message) {
        found.add(new Problem(path.toString(), message, origin));
    }

    public void add(Problem problem) {
        found.add(problem);
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
