package io.autopilot.decode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Collects every problem of one load, so that the user sees them all in one run, and its warnings: what is valid but
 * most likely not what the user meant, which is reported without refusing the configuration. Confined to the loading
 * thread.
 */
public final class Problems {
    private final List<Problem> found = new ArrayList<>();
    private final List<Problem> warnings = new ArrayList<>();
    private final Set<String> keysRead = new TreeSet<>();

    public void add(KeyPath path, Origin origin, String message) {
        found.add(new Problem(path.toString(), message, origin));
    }

    public void add(Problem problem) {
        found.add(problem);
    }

    /** Records a warning: the configuration still loads, and the user is told, in the same shape as a problem. */
    public void warn(KeyPath path, Origin origin, String message) {
        warnings.add(new Problem(path.toString(), message, origin));
    }

    public void warn(Problem warning) {
        warnings.add(warning);
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
        return inFileOrder(found);
    }

    /** The warnings, in file order, then in the order found. */
    public List<Problem> warnings() {
        return inFileOrder(warnings);
    }

    private static List<Problem> inFileOrder(List<Problem> problems) {
        List<Problem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt((Problem p) -> p.origin().line() <= 0 ? Integer.MAX_VALUE : p.origin().line()));
        return List.copyOf(sorted);
    }
}
