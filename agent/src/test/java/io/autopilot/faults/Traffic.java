package io.autopilot.faults;

import io.autopilot.faults.CountingProxy.Request;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** What the fleet's requests to Consul were made of, over a stretch of time: the figures of the fleet's cases. */
record Traffic(List<Request> requests, int agents, long fromNanos, long toNanos) {
    /** The kinds of request an agent makes, by method and path. */
    enum Kind {
        CHECK("TTL check updates"), WATCH("watch queries"), REGISTER("registrations"), OTHER("other");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        static Kind of(Request request) {
            String path = request.path();
            if (path.startsWith("/v1/agent/check/")) {
                return CHECK;
            }
            if (path.startsWith("/v1/health/service/")) {
                return WATCH;
            }
            if (path.startsWith("/v1/agent/service/register")) {
                return REGISTER;
            }
            return OTHER;
        }
    }

    /** The requests with their heads in [{@code fromNanos}, {@code toNanos}). */
    static Traffic between(List<Request> all, int agents, long fromNanos, long toNanos) {
        return new Traffic(all.stream().filter(r -> r.nanos() >= fromNanos && r.nanos() < toNanos).toList(), agents,
                fromNanos, toNanos);
    }

    double minutes() {
        return (toNanos - fromNanos) / 60e9;
    }

    /** Requests of each agent per minute, agent by agent. */
    double[] perAgentPerMinute() {
        double[] rates = new double[agents];
        requests.forEach(r -> rates[r.client()] += 1);
        for (int i = 0; i < agents; i++) {
            rates[i] /= minutes();
        }
        return rates;
    }

    /** Requests per agent per minute, averaged over the fleet, for each kind that occurred. */
    Map<Kind, Double> perAgentPerMinuteByKind() {
        Map<Kind, Double> rates = new LinkedHashMap<>();
        for (Kind kind : Kind.values()) {
            long count = count(r -> Kind.of(r) == kind);
            if (count > 0) {
                rates.put(kind, count / minutes() / agents);
            }
        }
        return rates;
    }

    /** "TTL check updates 60, registrations 20; 12 not forwarded": the requests by kind, and those Consul missed. */
    String composition() {
        List<String> parts = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            long count = count(r -> Kind.of(r) == kind);
            if (count > 0) {
                parts.add(kind.label + " " + count);
            }
        }
        return String.join(", ", parts) + "; " + count(r -> !r.forwarded()) + " not forwarded (Consul away)";
    }

    long count(Predicate<Request> which) {
        return requests.stream().filter(which).count();
    }

    /** The requests in each window of {@code windowNanos} from the start, the last one possibly shorter. */
    int[] perWindow(long windowNanos) {
        int[] counts = new int[(int) Math.max(1, (toNanos - fromNanos + windowNanos - 1) / windowNanos)];
        requests.forEach(r -> counts[(int) ((r.nanos() - fromNanos) / windowNanos)]++);
        return counts;
    }

    /** "check 12.0, watch 1.1" */
    static String describe(Map<Kind, Double> rates) {
        List<String> parts = new ArrayList<>();
        rates.forEach((kind, rate) -> parts.add(kind.label + " %.1f".formatted(rate)));
        return String.join(", ", parts);
    }

    /** The {@code p}-th percentile (0 to 100) by nearest rank. */
    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
    }
}
