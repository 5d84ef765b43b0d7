package io.autopilot.faults;

import io.autopilot.testing.Eventually;
import io.autopilot.testing.consul.ConsulApi;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * Instances of {@link ConsulFaultConfig#WATCHED} registered in Consul's catalog behind the agent's back, as other
 * containers come and go: a change the agent's watch must follow. Retried until Consul takes it (a cluster electing a
 * leader refuses writes for a moment).
 */
record Backends(ConsulApi consul) {
    private static final Duration BOUND = Duration.ofSeconds(60);

    /** Registers instance {@code backend-<name>} on a node of its own. */
    void add(String name) {
        String body = new JsonObject().put("Node", "backends").put("Address", "127.0.0.2")
                .put("Service", new JsonObject().put("ID", ConsulFaultConfig.WATCHED + "-" + name)
                        .put("Service", ConsulFaultConfig.WATCHED).put("Port", 8080)).encode();
        String[] last = {"not tried"};
        Eventually.until(() -> {
            try {
                ConsulApi.Answer answer = consul.put("/v1/catalog/register", body);
                last[0] = answer.status() + " " + answer.body();
                return answer.status() == 200;
            } catch (IllegalStateException unreachable) {
                last[0] = unreachable.getMessage();
                return false;
            }
        }, BOUND, () -> "Consul taking backend-" + name + ": " + last[0]);
    }

    /** Registers {@code backend-<name>} and waits until the agent's template shows it: the watch works. */
    void addAndAwait(String name, ConsulFaultConfig config) {
        add(name);
        Eventually.until(() -> config.renderedText().contains(ConsulFaultConfig.WATCHED + "-" + name), BOUND,
                () -> "the template rendering backend-" + name + ": " + config.renderedText());
    }
}
