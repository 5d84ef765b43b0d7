package io.autopilot.faults;

import io.autopilot.testing.Eventually;
import io.autopilot.testing.consul.ConsulApi;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The checks of the agent's own services ({@link ConsulFaultConfig#SERVICES}) as one Consul agent holds them. */
final class ConsulChecks {
    private ConsulChecks() {
    }

    /** Service ID → check status, or empty when Consul does not answer. */
    static Map<String, String> of(ConsulApi consul) {
        Map<String, String> statuses = new TreeMap<>();
        JsonObject checks;
        try {
            checks = consul.get("/v1/agent/checks").object();
        } catch (IllegalStateException unreachable) {
            return statuses;
        }
        for (String id : checks.fieldNames()) {
            JsonObject check = checks.getJsonObject(id);
            if (ConsulFaultConfig.SERVICES.contains(check.getString("ServiceName"))) {
                statuses.put(check.getString("ServiceID"), check.getString("Status"));
            }
        }
        return statuses;
    }

    /** Waits until every service of the agent is registered and passing, and returns their IDs. */
    static Set<String> awaitAll(ConsulApi consul, Duration bound) {
        Eventually.until(() -> {
            Map<String, String> checks = of(consul);
            return checks.size() == ConsulFaultConfig.SERVICES.size() && allPassing(checks);
        }, bound, () -> "every service of the agent passing: " + of(consul));
        return Set.copyOf(of(consul).keySet());
    }

    /** Whether {@code services}, and only they, come to be registered and passing within {@code bound}. */
    static boolean awaitPassing(ConsulApi consul, Set<String> services, Duration bound) {
        try {
            Eventually.until(() -> passing(consul, services), bound, () -> "");
            return true;
        } catch (AssertionError notInTime) {
            return false;
        }
    }

    static boolean passing(ConsulApi consul, Set<String> services) {
        Map<String, String> checks = of(consul);
        return checks.keySet().equals(services) && allPassing(checks);
    }

    /** How many of the agent's services are passing now. */
    static long passingNow(ConsulApi consul) {
        return of(consul).values().stream().filter("passing"::equals).count();
    }

    private static boolean allPassing(Map<String, String> checks) {
        return checks.values().stream().allMatch("passing"::equals);
    }
}
