package io.autopilot.faults;

import io.autopilot.testing.RawHttp;
import io.autopilot.testing.consul.ConsulApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a case sees of the agent while Consul stalls, sampled every {@link #EVERY}: how long control requests take,
 * how many of the agent's services Consul holds as passing (asked directly, not through the stalled path), and whether
 * the jobs are untouched. A sample fails when a control request is not answered within its bound or a job changed.
 */
final class StallSamples {
    private static final long EVERY = Duration.ofMillis(100).toNanos();

    private final FaultedAgent agent;
    private final ConsulApi consul;
    private final Duration controlBound;
    private final Map<String, Integer> pids;
    private final List<Long> latencies = new ArrayList<>();
    private long fewestPassing = Long.MAX_VALUE;
    private long mostPassing;
    private long lastSample;
    private String last = "no sample yet";

    StallSamples(FaultedAgent agent, ConsulApi consul, Duration controlBound) {
        this.agent = agent;
        this.consul = consul;
        this.controlBound = controlBound;
        this.pids = agent.pids();
    }

    /** Takes a sample if one is due; false if the agent failed it. */
    boolean take() {
        long now = System.nanoTime();
        if (now - lastSample < EVERY) {
            return true;
        }
        lastSample = now;
        long latency = timed("GET /v3/ping");
        latency = Math.max(latency, timed("GET /v3/status"));
        latencies.add(latency);
        long passing = ConsulChecks.passingNow(consul);
        fewestPassing = Math.min(fewestPassing, passing);
        mostPassing = Math.max(mostPassing, passing);
        Map<String, Integer> current = agent.pids();
        last = String.format(Locale.ROOT, "control answered in %.1f ms, %d services passing, pids %s",
                latency / 1e6, passing, current);
        return latency <= controlBound.toNanos() && current.equals(pids);
    }

    /** The control request's time, or {@code Long.MAX_VALUE} if it got no answer. */
    private long timed(String request) {
        long start = System.nanoTime();
        RawHttp.Answer answer = agent.control(request);
        return answer.status() == 200 ? System.nanoTime() - start : Long.MAX_VALUE;
    }

    String last() {
        return last;
    }

    /** Control latency over the samples: how many, median and max, in ms. */
    String latencies() {
        List<Long> sorted = latencies.stream().sorted().toList();
        if (sorted.isEmpty()) {
            return "no sample";
        }
        return String.format(Locale.ROOT, "%d samples, median %.1f ms, max %.1f ms", sorted.size(),
                sorted.get(sorted.size() / 2) / 1e6, sorted.getLast() / 1e6);
    }

    /** The fewest and most of the agent's services Consul held as passing. */
    String passingRange() {
        return fewestPassing == mostPassing ? Long.toString(fewestPassing) : fewestPassing + "–" + mostPassing;
    }
}
