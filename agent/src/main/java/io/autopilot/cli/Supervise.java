package io.autopilot.cli;

import io.autopilot.config.AgentConfig;
import io.autopilot.config.ConfigException;
import io.autopilot.config.ConfigLoader;
import io.autopilot.control.ControlConfig;
import io.autopilot.core.Init;
import io.autopilot.core.MainCommand;
import io.autopilot.core.SignalRelay;
import io.autopilot.logging.AgentLog;
import io.autopilot.logging.LoggingConfig;
import io.autopilot.process.Spawner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Run mode: the agent as the container's init, supervising the configured jobs and the command after {@code --}. */
final class Supervise {
    private Supervise() {
    }

    static int run(String program, Arguments args, Map<String, String> environment, PrintStream err) {
        AgentLog log = AgentLog.bootstrap();
        // First, as PID 1 gets only the signals it handles: a TERM while the configuration loads is kept for the agent.
        SignalRelay signals = SignalRelay.install(log);
        // Then the reaper thread makes us a subreaper and binds the spawn functions while the config loads.
        Spawner spawner = Spawner.system();
        // And Vert.x starts on a third, so that neither is on the path from here to the first job's spawn.
        Init.prepare(log);
        Optional<Path> file = args.configFile(environment);
        if (file.isEmpty() && args.command().isEmpty()) {
            err.println(program + ": nothing to run: give -config FILE, set CONTAINERPILOT, or put a command after"
                    + " \"--\"");
            return Commands.USAGE;
        }
        AgentConfig config;
        try {
            config = file.isPresent() ? new ConfigLoader(environment).load(file.get()) : empty();
        } catch (ConfigException e) {
            // ContainerPilot exited 0 here as PID 1: the container looked like it had finished its work.
            return Commands.report(program, err, e.problems());
        }
        Optional<String> conflict = MainCommand.conflictingMainJob(config.jobs(), args.command());
        if (conflict.isPresent()) {
            err.println(program + ": job \"" + conflict.get() + "\" is already the main job; a command after \"--\""
                    + " would be a second one");
            return Commands.USAGE;
        }
        return Init.run(config, file, args.command(), spawner, log, signals);
    }

    private static AgentConfig empty() {
        return new AgentConfig(Optional.empty(), LoggingConfig.DEFAULT, List.of(), List.of(), Optional.empty(),
                ControlConfig.DEFAULT, AgentConfig.DEFAULT_STOP_TIMEOUT);
    }
}
