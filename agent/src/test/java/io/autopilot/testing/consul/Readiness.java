package io.autopilot.testing.consul;

import java.time.Duration;

/**
 * Waits, bounded, until an agent answers on HTTP and its cluster has a leader: before that, writes fail with "No
 * cluster leader". Polling here is the bounded wait for an external process to come up, not synchronisation of the
 * code under test.
 */
final class Readiness {
    private static final long POLL_MILLIS = 25;

    private Readiness() {
    }

    static void await(ConsulAgent agent, ConsulApi api, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!agent.running()) {
                throw new IllegalStateException(agent + " exited while starting:\n" + agent.recentOutput());
            }
            try {
                var answer = api.get("/v1/status/leader");
                if (answer.status() == 200 && answer.body().strip().length() > 2) {
                    return;
                }
                last = answer.status() + " " + answer.body();
            } catch (IllegalStateException notYet) {
                last = notYet.getMessage();
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(agent + " had no leader within " + timeout + " (" + last + "):\n"
                + agent.recentOutput());
    }
}
