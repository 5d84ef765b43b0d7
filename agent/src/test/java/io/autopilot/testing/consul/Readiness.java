package io.autopilot.testing.consul;

import io.autopilot.testing.Eventually;
import java.time.Duration;

/**
 * Waits, bounded, until an agent answers on HTTP and its cluster has a leader: before that, writes fail with "No
 * cluster leader". Polling here is the bounded wait for an external process to come up, not synchronisation of the
 * code under test.
 */
final class Readiness {
    private Readiness() {
    }

    static void await(ConsulAgent agent, ConsulApi api, Duration timeout) {
        String[] last = {"no answer yet"};
        try {
            Eventually.until(() -> {
                if (!agent.running()) {
                    throw new IllegalStateException(agent + " exited while starting:\n" + agent.recentOutput());
                }
                try {
                    var answer = api.get("/v1/status/leader");
                    last[0] = answer.status() + " " + answer.body();
                    return answer.status() == 200 && answer.body().strip().length() > 2;
                } catch (IllegalStateException notYet) {
                    last[0] = notYet.getMessage();
                    return false;
                }
            }, timeout, () -> "a leader");
        } catch (AssertionError e) {
            throw new IllegalStateException(agent + " had no leader within " + timeout + " (" + last[0] + "):\n"
                    + agent.recentOutput(), e);
        }
    }
}
