package io.autopilot.jobs;

import io.autopilot.health.HealthConfig;
import io.autopilot.process.Input;
import io.autopilot.process.Leftovers;
import io.autopilot.process.Output;
import io.autopilot.process.SpawnRequest;
import io.autopilot.users.Account;
import io.autopilot.users.RunAs;
import io.autopilot.users.UnknownAccount;
import io.autopilot.users.UserDatabase;
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
 * @param runAs the job's user: its health check runs as that user too, since it probes the job's own process and
 *     files (a check as root could read what the job cannot, and pass where the job fails)
 * @param environment the job's environment keys, which its health check shares for the same reason
 */
record Command(String job, boolean check, List<String> argv, boolean raw, Optional<Duration> timeout,
               boolean interactive, Optional<RunAs> runAs, JobEnvironment environment) {
    Command {
        argv = List.copyOf(argv);
    }

    static Command ofJob(JobConfig config) {
        return new Command(config.name(), false, config.exec(), config.raw(), config.timeout(), config.interactive(),
                config.runAs(), config.environment());
    }

    static Command ofCheck(JobConfig job, HealthConfig health) {
        return new Command(job.name(), true, health.exec(), health.raw(), Optional.of(health.timeout()), false,
                job.runAs(), job.environment());
    }

    /**
     * The request that starts it. A check's leftovers are killed when it exits: it runs again every interval, so
     * whatever it leaves behind would pile up, and nothing may rely on a probe's background work. A job's are left
     * alone, as ContainerPilot did: a job may start a daemon and exit (a pre-start hook that launches a helper).
     *
     * <p>The user is looked up again for every run, so a change to the user database since the configuration was
     * loaded (an entrypoint's {@code usermod}) counts; a lookup that fails is the run's failure to start.
     *
     * @param shared the agent's environment and its {@code CONTAINERPILOT_*} variables, before the job's keys
     */
    SpawnRequest request(Map<String, String> shared, Output output, UserDatabase users) throws UnknownAccount {
        Optional<Account> account = runAs.isEmpty() ? Optional.empty() : Optional.of(users.resolve(runAs.get()));
        var request = new SpawnRequest(argv, environment.of(shared, account), Optional.empty(), output, output,
                interactive ? Input.INHERIT : Input.NULL_DEVICE, check ? Leftovers.KILL : Leftovers.KEEP);
        return account.map(user -> request.withIdentity(user.identity())).orElse(request);
    }

    /** The event source of its exits: the job's name or {@code check.<job>}. */
    String source() {
        return check ? "check." + job : job;
    }
}
