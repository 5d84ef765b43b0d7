package io.autopilot.core;

import io.autopilot.config.AgentConfig;
import io.autopilot.control.ControlledAgent;
import io.autopilot.decode.Problem;
import io.autopilot.jobs.JobRequest;
import io.autopilot.jobs.JobSnapshot;
import io.autopilot.jobs.RequestOutcome;
import io.autopilot.telemetry.MetricConfig;
import io.autopilot.telemetry.MetricType;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the control plane asks of the agent, done through the agent's services. */
final class AgentControl implements ControlledAgent {
    private final AgentServices services;
    private final List<MetricConfig> counters;

    AgentControl(AgentServices services, AgentConfig config) {
        this.services = services;
        this.counters = config.telemetry().map(telemetry -> telemetry.metrics().stream()
                .filter(metric -> metric.type() == MetricType.COUNTER).toList()).orElse(List.of());
    }

    @Override
    public void putEnvironment(Map<String, String> values) {
        services.environment().putAll(values);
    }

    @Override
    public Future<ReloadAnswer> reload() {
        return services.reload().get().map(AgentControl::answer);
    }

    /**
     * A counter only goes up: ContainerPilot passed a negative value to the Prometheus client, whose panic took the
     * agent down. Names match as telemetry matches them: the Prometheus name, or ContainerPilot's always-joined
     * {@code namespace_subsystem_name} (its issue 569).
     */
    @Override
    public Optional<String> metricProblem(String name, double value) {
        if (value >= 0 || Double.isNaN(value)) {
            return Optional.empty();
        }
        return counters.stream()
                .filter(counter -> counter.fullName().equals(name) || (counter.namespace() + "_"
                        + counter.subsystem() + "_" + counter.name()).equals(name))
                .findFirst()
                .map(counter -> "metric " + name + " is a counter: it cannot decrease (got " + value + ")");
    }

    @Override
    public List<JobSnapshot> jobs() {
        return services.jobs().all().stream().map(Supervised::snapshot).toList();
    }

    @Override
    public Optional<Future<RequestOutcome>> request(String job, JobRequest request) {
        return services.jobs().named(job).map(supervised -> supervised.request(request));
    }

    private static ReloadAnswer answer(ReloadResult result) {
        return switch (result) {
            case ReloadResult.Applied applied -> new ReloadAnswer.Applied(applied.summary());
            case ReloadResult.Rejected rejected -> new ReloadAnswer.Rejected(rejected.problems().stream()
                    .map(Problem::toString).toList());
            case ReloadResult.Refused refused -> new ReloadAnswer.Refused(refused.reason());
        };
    }
}
