package io.autopilot.core;

import io.autopilot.config.AgentConfig;
import io.autopilot.control.ControlConfig;
import io.autopilot.control.ControlServer;
import io.autopilot.control.StatusSource;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The control plane as a part of the agent: listening before {@code startup} is published, so a client that sees
 * the first job's output can already reach it; closed and its socket removed after the last job.
 */
final class ControlComponent implements Component {
    private final ControlConfig config;
    private final ControlServer server;

    private ControlComponent(ControlConfig config, ControlServer server) {
        this.config = config;
        this.server = server;
    }

    /**
     * @param sources the status sections of other parts of the agent (services, watches)
     * @param requests where each answer is counted (telemetry)
     */
    static ControlComponent of(AgentConfig config, AgentServices services, List<StatusSource> sources,
            ControlRequestsLink requests) {
        Instant started = ProcessHandle.current().info().startInstant().orElse(Instant.now());
        List<StatusSource> sections = new ArrayList<>(sources);
        sections.add(services.errors().status());
        return new ControlComponent(config.control(), new ControlServer(services.vertx(), services.bus(),
                services.log(), config.control(), new AgentControl(services, config), List.copyOf(sections),
                TelemetryComponent.version(), () -> Duration.between(started, Instant.now()), requests::record));
    }

    @Override
    public String name() {
        return "control";
    }

    @Override
    public Future<Void> start() {
        return server.start();
    }

    @Override
    public Future<Void> stop() {
        return server.stop();
    }

    @Override
    public Object configuration() {
        return config;
    }
}
