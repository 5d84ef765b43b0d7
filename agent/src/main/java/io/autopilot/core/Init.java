package io.autopilot.core;

import io.autopilot.config.AgentConfig;
import io.autopilot.config.ConfigException;
import io.autopilot.config.ConfigLoader;
import io.autopilot.control.StatusSource;
import io.autopilot.decode.Origin;
import io.autopilot.decode.Problem;
import io.autopilot.discovery.DiscoveryException;
import io.autopilot.logging.AgentLog;
import io.autopilot.logging.LoggingConfig;
import io.autopilot.process.ChildEnvironment;
import io.autopilot.process.Spawner;
import io.autopilot.services.Hostname;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
     * Starts, on a thread of its own, what run mode needs whatever the configuration says (the Vert.x instance), so
     * that it is made while the caller reads the configuration. Call once, before {@link #run}, with the log that
     * {@code run} will be given.
     */
    public static void prepare(AgentLog log) {
        JulBridge.install(log);
        Runtimes.prepare();
    }

    /**
     * Runs the agent to its end and returns the process's exit code.
     *
     * @param log the bootstrap log, reconfigured here from {@code config.logging()}
     * @param signals the signals received since run mode began, and those to come
     */
    public static int run(AgentConfig config, Optional<Path> file, List<String> command, Spawner spawner,
                          AgentLog log, SignalRelay signals) {
        try {
            log.reconfigure(config.logging());
        } catch (IOException e) {
            log.error("cannot open the log output " + config.logging().output() + ": " + e.getMessage());
            return ExitCodes.AGENT_FAILED;
        }
        JulBridge.follow(log);
        AotCacheFit.warning(System.getProperties()).ifPresent(log::warn);
        config.warnings().forEach(warning -> log.warn("configuration: " + warning));
        log.debug("loaded config: " + config.jobs().size() + " jobs, stopTimeout "
                + config.stopTimeout().toMillis() + "ms");
        ConsulComponents consul = ConsulComponents.of(System.getenv(), Hostname.current(System.getenv()), log);
        try {
            consul.check(config);
        } catch (DiscoveryException e) {
            log.error("cannot use the consul settings: " + e.getMessage());
            return ExitCodes.AGENT_FAILED;
        }
        var settings = new Agent.Settings(config.withJobs(MainCommand.withCommand(config.jobs(), command)), log,
                spawner, childEnvironment(), SupervisedJob.factory(consul), components(file, consul),
                Watchdog.halting(),
                logControl(log), file.map(path -> source(path, command)).orElse(ConfigSource.NONE));
        Agent agent = Agent.create(settings);
        Thread.setDefaultUncaughtExceptionHandler(agent.services().errors().forAnyThread());
        spawner.onFatalError(error -> agent.services().errors().fatal("process", error));
        // Before any job runs; a TERM that came earlier stops the agent before it starts anything.
        signals.deliverTo(agent::signal);
        DescendantSweep.installOnExit();
        return agent.run();
    }

    /**
     * Consul's registrations and watches, and the control plane when the agent runs from a file: client commands find
     * the socket through the file, so an agent started with only a command after {@code --} has no clients, and no
     * socket to collide with another's.
     */
    static ComponentFactory components(Optional<Path> file, ConsulComponents consul) {
        TemplateComponents templates = new TemplateComponents(consul, Clock.systemUTC());
        List<StatusSource> status = List.of(ConsulStatus.services(consul), ConsulStatus.watches(consul),
                ConsulStatus.leader(consul), ConsulStatus.templates(templates));
        ControlRequestsLink requests = new ControlRequestsLink();
        ComponentFactory telemetry = TelemetryComponent.factory(consul::watches, consul::consulCalls,
                consul::registrations, requests, () -> servingSaved(consul, templates));
        return (config, services) -> {
            List<Component> components = new ArrayList<>(consul.create(config, services));
            components.addAll(templates.create(config, services));
            components.addAll(telemetry.create(config, services));
            if (file.isPresent()) {
                components.add(ControlComponent.of(config, services, status, requests));
            }
            return List.copyOf(components);
        };
    }

    /** Every running template and watch, by source: whether it serves last-known-good data. */
    private static Map<String, Boolean> servingSaved(ConsulComponents consul, TemplateComponents templates) {
        Map<String, Boolean> saved = new LinkedHashMap<>();
        templates.snapshots().forEach(template -> saved.put(template.source(), template.savedAt().isPresent()));
        consul.watches().forEach(watch -> saved.put(watch.source(), watch.savedAt().isPresent()));
        return saved;
    }

    /** The file read again as at start, the command after {@code --} added to its jobs again. */
    static ConfigSource source(Path file, List<String> command) {
        return environment -> {
            AgentConfig config = new ConfigLoader(environment).load(file);
            Optional<String> conflict = MainCommand.conflictingMainJob(config.jobs(), command);
            if (conflict.isPresent()) {
                throw new ConfigException(List.of(new Problem("jobs", "job \"" + conflict.get() + "\" is a main job;"
                        + " the command after \"--\" is the main job already", Origin.of(file.toString(), 0, 0))));
            }
            return config.withJobs(MainCommand.withCommand(config.jobs(), command));
        };
    }

    private static LogControl logControl(AgentLog log) {
        return new LogControl() {
            @Override
            public void reopen() {
                log.reopen();
            }

            @Override
            public void reconfigure(LoggingConfig config) throws IOException {
                log.reconfigure(config);
            }
        };
    }

    /** The agent's environment without its JVM variables, plus ContainerPilot's {@code CONTAINERPILOT_PID}. */
    static Map<String, String> childEnvironment() {
        var environment = new TreeMap<>(ChildEnvironment.fromAgent());
        environment.put("CONTAINERPILOT_PID", Long.toString(ProcessHandle.current().pid()));
        return environment;
    }
}
