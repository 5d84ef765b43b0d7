package io.autopilot.core;

import io.autopilot.jobs.BackoffConfig;
import io.autopilot.jobs.GiveUpAction;
import io.autopilot.jobs.JobConfig;
import io.autopilot.jobs.RestartPolicy;
import io.autopilot.jobs.WhenConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The command after {@code --} as a job (tini-style: {@code autopilot -- app --port 80}). It is the main job: it
 * starts on {@code startup}, never restarts, and its exit ends the agent with its code. Like tini, the agent hands the
 * app its own stdin, stdout and stderr untouched (a TTY stays a TTY), and on a terminal makes it the foreground
 * process group, so an interactive program ({@code docker run -it image sh}) works as without the agent.
 */
public final class MainCommand {
    private MainCommand() {
    }

    /** The configured jobs plus the command's job, last; the configured jobs alone if there is no command. */
    public static List<JobConfig> withCommand(List<JobConfig> configured, List<String> command) {
        if (command.isEmpty()) {
            return configured;
        }
        List<JobConfig> all = new ArrayList<>(configured);
        all.add(job(command, configured.stream().map(JobConfig::name).collect(Collectors.toSet())));
        return List.copyOf(all);
    }

    /** The configured main job that conflicts with a command after {@code --}, if any. */
    public static Optional<String> conflictingMainJob(List<JobConfig> configured, List<String> command) {
        if (command.isEmpty()) {
            return Optional.empty();
        }
        return configured.stream().filter(JobConfig::main).map(JobConfig::name).findFirst();
    }

    static JobConfig job(List<String> command, Set<String> taken) {
        return new JobConfig(uniqueName(command.getFirst(), taken), command, WhenConfig.DEFAULT, RestartPolicy.NEVER,
                Optional.empty(), Duration.ZERO, Optional.empty(), Optional.empty(), true, true, "SIGTERM",
                BackoffConfig.DEFAULT, GiveUpAction.CONTINUE, true);
    }

    /** The program's base name ({@code /usr/bin/nginx} → {@code nginx}), suffixed when a configured job has it. */
    static String uniqueName(String program, Set<String> taken) {
        String base = program.substring(program.lastIndexOf('/') + 1);
        if (base.isEmpty()) {
            base = "main";
        }
        String name = base;
        for (int n = 2; taken.contains(name); n++) {
            name = base + "-" + n;
        }
        return name;
    }
}
