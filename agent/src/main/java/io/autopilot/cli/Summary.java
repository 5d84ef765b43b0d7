package io.autopilot.cli;

import io.autopilot.config.AgentConfig;
import java.util.ArrayList;
import java.util.List;

/** The one-line description {@code -validate} prints for a valid configuration. */
final class Summary {
    private Summary() {
    }

    static String of(AgentConfig config) {
        List<String> parts = new ArrayList<>();
        parts.add(count(config.jobs().size(), "job"));
        long services = config.jobs().stream().filter(job -> job.service().isPresent()).count();
        if (services > 0) {
            parts.add(count((int) services, "service"));
        }
        parts.add(count(config.watches().size(), "watch", "watches"));
        if (!config.templates().isEmpty()) {
            parts.add(count(config.templates().size(), "template"));
        }
        parts.add(config.consul().map(c -> "consul " + c.address().orElse("from the environment"))
                .orElse("no consul"));
        config.telemetry().ifPresent(t -> parts.add("telemetry on port " + t.port()));
        parts.add("control socket " + config.control().socket());
        return String.join(", ", parts);
    }

    private static String count(int n, String one) {
        return count(n, one, one + "s");
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
