package io.autopilot.jobs;

import io.autopilot.health.HealthConfig;
import io.autopilot.process.Input;
import io.autopilot.process.Leftovers;
import io.autopilot.process.Output;
import io.autopilot.process.SpawnRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a job or its health check runs.
 *
 * @param job the job's name
 * @param check whether this is the job's health check, whose events come from {@code check.<job>}
 * @param raw whether the process writes straight to the agent's stdout and stderr
 * @param timeout after this the process group is killed with SIGKILL
 * @param interactive whether the process gets the agent's stdin and terminal (the command after {@code --})
 */
record Command(String job, boolean check, List<String> argv, boolean raw, Optional<Duration> timeout,
               boolean interactive) {
    Command {
        argv = List.copyOf(argv);
    }

    static Command ofJob(JobConfig config) {
        return new Command(config.name(), false, config.exec(), config.raw(), config.timeout(), config.interactive());
    }

    static Command ofCheck(String job, HealthConfig health) {
        return new Command(job, true, health.exec(), health.raw(), Optional.of(health.timeout()), false);
    }

    /**
     * The request that starts it. A check's leftovers are killed when it exits: it runs again every interval, so
     * whatever it leaves behind would pile up, and nothing may rely on a probe's background work. A job's are left
     * alone, as ContainerPilot did: a job may start a daemon and exit (a pre-start hook that launches a helper).
     */
    SpawnRequest request(Map<String, String> environment, Output output) {
        return new SpawnRequest(argv, environment, Optional.empty(), output, output,
                interactive ? Input.INHERIT : Input.NULL_DEVICE, check ? Leftovers.KILL : Leftovers.KEEP);
    }

    /** The event source of its exits: the job's name or {@code check.<job>}. */
    String source() {
        return check ? "check." + job : job;
    }
}
