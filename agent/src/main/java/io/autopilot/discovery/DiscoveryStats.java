package io.autopilot.discovery;

import io.autopilot.discovery.DiscoveryException.Kind;
import io.vertx.core.Future;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The calls a discovery client made and those that failed, counted without locks from any thread, and read as
 * immutable {@link Snapshot}s (for metrics). A call retried inside the client counts once, and fails once if it
 * finally fails; a watch counts each of its queries.
 */
public final class DiscoveryStats {
    /** What a call did; its {@link #label()} is the {@code operation} label. */
    public enum Operation {
        REGISTER, CHECK, DEREGISTER, MAINTENANCE, WATCH;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A failed call: what it did, and why it failed. */
    public record Failure(Operation operation, Kind kind) {
    }

    /**
     * The counts at one moment.
     *
     * @param requests every operation, in declaration order, with its calls (zero included)
     * @param errors the failures seen at least once, by operation then kind
     */
    public record Snapshot(Map<Operation, Long> requests, Map<Failure, Long> errors) {
        public Snapshot {
            requests = Collections.unmodifiableMap(new LinkedHashMap<>(requests));
            errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
        }
    }

    private final Map<Operation, LongAdder> requests = new EnumMap<>(Operation.class);
    private final Map<Operation, Map<Kind, LongAdder>> errors = new EnumMap<>(Operation.class);

    public DiscoveryStats() {
        for (Operation operation : Operation.values()) {
            requests.put(operation, new LongAdder());
            Map<Kind, LongAdder> kinds = new EnumMap<>(Kind.class);
            for (Kind kind : Kind.values()) {
                kinds.put(kind, new LongAdder());
            }
            errors.put(operation, kinds);
        }
    }

    /** One call made. */
    public void request(Operation operation) {
        requests.get(operation).increment();
    }

    /** One call failed. */
    public void error(Operation operation, Kind kind) {
        errors.get(operation).get(kind).increment();
    }

    /**
     * Counts {@code call} as one call of {@code operation}, and as failed if it fails: a failure that is no
     * {@link DiscoveryException} counts as {@link Kind#UNREACHABLE}, as the client itself reports it.
     */
    public <T> Future<T> counted(Operation operation, Future<T> call) {
        request(operation);
        return call.onFailure(failure -> error(operation, kindOf(failure)));
    }

    public static Kind kindOf(Throwable failure) {
        return failure instanceof DiscoveryException known ? known.kind() : Kind.UNREACHABLE;
    }

    public Snapshot snapshot() {
        Map<Operation, Long> calls = new EnumMap<>(Operation.class);
        Map<Failure, Long> failures = new LinkedHashMap<>();
        requests.forEach((operation, count) -> calls.put(operation, count.sum()));
        errors.forEach((operation, kinds) -> kinds.forEach((kind, count) -> {
            long failed = count.sum();
            if (failed > 0) {
                failures.put(new Failure(operation, kind), failed);
            }
        }));
        return new Snapshot(calls, failures);
    }
}
