package io.autopilot.core;

import io.autopilot.config.AgentConfig;
import io.autopilot.telemetry.AgentMetrics;
import io.autopilot.telemetry.TelemetryEndpoint;
import io.autopilot.watches.WatchConfig;
import io.vertx.core.Future;
import java.util.List;
import java.util.Objects;

/**
 * The {@code telemetry} endpoint as the agent runs it. It keeps the agent alive once every job has completed, as
 * ContainerPilot's telemetry job did (it never completed).
 */
final class TelemetryComponent implements Component {
    private final TelemetryEndpoint endpoint;

    private TelemetryComponent(TelemetryEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** None without a {@code telemetry} block; {@code metrics} is made from that block. */
    static ComponentFactory factory(AgentConfig config, AgentMetrics metrics) {
        return services -> config.telemetry().<List<Component>>map(telemetry -> List.of(new TelemetryComponent(
                TelemetryEndpoint.create(telemetry, metrics, new TelemetryEndpoint.AgentView(version(),
                        config.jobs(), config.watches().stream().map(WatchConfig::name).toList(), services.jobs()),
                        services.vertx(), services.bus(), services.log())))).orElse(List.of());
    }

    /** The jar's {@code Implementation-Version}; {@code dev} when run from classes (tests). */
    static String version() {
        return Objects.requireNonNullElse(TelemetryComponent.class.getPackage().getImplementationVersion(), "dev");
    }

    @Override
    public String name() {
        return endpoint.name();
    }

    @Override
    public Future<Void> start() {
        return endpoint.start();
    }

    @Override
    public Future<Void> stop() {
        return endpoint.stop();
    }

    @Override
    public boolean keepsAgentAlive() {
        return true;
    }
}
