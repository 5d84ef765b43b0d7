package io.autopilot.logging;

import io.autopilot.logging.LoggingConfig.Level;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns a child's output into log entries, as ContainerPilot wrapped a job's stdout and stderr (unless
 * {@code logging.raw}): each line is one INFO entry tagged {@code job=<name>}, or {@code check=check.<job>} for a
 * health check, plus {@code pid=<pid>}. INFO is why {@code level: "WARN"} hides children's output, as it did there.
 * The line is logged exactly as received: the process package has already removed its terminator.
 *
 * <p>Unlike ContainerPilot, whose writer kept the fields of the run it was made for (so {@code pid} named the
 * previous run), a sink is made per run and tags each line with that run's own pid.
 */
public final class ChildOutput {
    private ChildOutput() {}

    /** A job's output: {@code job=<job> pid=<pid>}. */
    public static Consumer<String> ofJob(Log log, String job, long pid) {
        return lines(log, "job", job, pid);
    }

    /** A health check's output, for job {@code job}: {@code check=check.<job> pid=<pid>}. */
    public static Consumer<String> ofCheck(Log log, String job, long pid) {
        return lines(log, "check", "check." + job, pid);
    }

    /** Each line as one INFO entry with {@code <field>=<name> pid=<pid>}. */
    public static Consumer<String> lines(Log log, String field, String name, long pid) {
        Log tagged = log.with(field, name).with("pid", Long.toString(pid));
        return line -> tagged.log(Level.INFO, line, Map.of());
    }
}
