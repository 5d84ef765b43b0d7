package io.autopilot.core;

import io.autopilot.config.AgentConfig;
import io.autopilot.control.ControlledAgent;
import io.autopilot.decode.Problem;
import io.autopilot.jobs.JobRequest;
import io.autopilot.jobs.JobSnapshot;
import io.autopilot.jobs.RequestOutcome;
import io.autopilot.telemetry.MetricConfig;
import io.autopilot.telemetry.TelemetryConfig;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the control plane asks of the agent, done through the agent's services. */
final class AgentControl implements ControlledAgent {
    private final AgentServices services;
    private final List<MetricConfig> metrics;

    AgentControl(AgentServices services, AgentConfig config) {
        this.services = services;
        this.metrics = config.telemetry().map(TelemetryConfig::metrics).orElse(List.of());
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
     * The rule telemetry applies to the value ({@link io.autopilot.telemetry.MetricType#refusal}), asked here so
     * the client hears of a refusal. Names match as telemetry matches them: the full Prometheus name.
     */
    @Override
    public Optional<String> metricProblem(String name, double value) {
        return metrics.stream()
                .filter(metric -> metric.fullName().equals(name))
                .findFirst()
                .flatMap(metric -> metric.type().refusal(value).map(reason -> "metric " + name + ": " + reason));
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
