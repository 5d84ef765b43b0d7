package io.autopilot.core;

import io.autopilot.config.AgentConfig;
import io.autopilot.logging.AgentLog;
import io.autopilot.process.ChildEnvironment;
import io.autopilot.process.Signals;
import io.autopilot.process.Spawner;
import io.autopilot.telemetry.AgentMetrics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Run mode from a loaded configuration: configures the log, makes the agent, takes the signals, and runs it.
 * Everything here is process-wide (signal dispositions, JUL, a shutdown hook, a halting watchdog), which is why tests
 * build an {@link Agent} directly instead.
 */
public final class Init {
    private Init() {
    }

    /**
     * Runs the agent to its end and returns the process's exit code.
     *
     * @param log the bootstrap log, reconfigured here from {@code config.logging()}
     */
    public static int run(AgentConfig config, List<String> command, Spawner spawner, AgentLog log) {
        try {
            log.reconfigure(config.logging());
        } catch (java.io.IOException e) {
            log.error("cannot open the log output " + config.logging().output() + ": " + e.getMessage());
            return ExitCodes.AGENT_FAILED;
        }
        JulBridge.install(log);
        log.debug("loaded config: " + config.jobs().size() + " jobs, stopTimeout "
                + config.stopTimeout().toMillis() + "ms");
        // Without telemetry nothing counts: the control plane gets ControlRequests.NONE, discovery stays unwrapped.
        Optional<AgentMetrics> metrics = config.telemetry().map(telemetry -> AgentMetrics.create(telemetry, log));
        ComponentFactory components = ComponentFactory.all(
                metrics.map(m -> TelemetryComponent.factory(config, m)).orElse(ComponentFactory.NONE));
        var settings = new Agent.Settings(MainCommand.withCommand(config.jobs(), command), config.stopTimeout(), log,
                spawner, childEnvironment(), SupervisedJob.factory(), components, Watchdog.halting(), log::reopen);
        Agent agent = Agent.create(settings);
        // Before any job runs: until then TERM still has the JVM's default action, which would exit without
        // stopping the jobs (the sweep below would then SIGKILL them).
        handleSignals(agent, log);
        DescendantSweep.installOnExit();
        return agent.run();
    }

    /** The agent's environment without its JVM variables, plus ContainerPilot's {@code CONTAINERPILOT_PID}. */
    static Map<String, String> childEnvironment() {
        var environment = new TreeMap<>(ChildEnvironment.fromAgent());
        environment.put("CONTAINERPILOT_PID", Long.toString(ProcessHandle.current().pid()));
        return environment;
    }

    private static void handleSignals(Agent agent, AgentLog log) {
        Signals.handle(SignalPlan.handledExceptUsr2(), agent::signal);
        try {
            Signals.handle(Set.of("USR2"), agent::signal);
        } catch (IllegalArgumentException e) {
            log.warn("SIGUSR2 is not handled: " + e.getMessage());
        }
    }
}
