package io.autopilot.jobs;

import io.autopilot.logging.Log;
import io.autopilot.logging.LoggingConfig.Level;
import io.autopilot.process.Output;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Where a run's stdout and stderr go: straight to the agent's streams ({@code logging.raw}), or one INFO entry per line
 * with {@code pid=<pid>} through the job's log (which carries {@code job=<name>} or {@code check=check.<name>}).
 * ContainerPilot tagged lines with the pid of the previous run; here the line waits for this run's pid, which is
 * known a moment after the spawn. The line sink is the one place to swap for the logging package's child sinks.
 */
final class ChildOutput {
    private static final int TAIL_CHARS = 4096;

    private final CompletableFuture<Integer> pid = new CompletableFuture<>();
    private final Output output;
    private final ArrayDeque<String> tail = new ArrayDeque<>();
    private int tailChars;

    ChildOutput(Log log, boolean raw, boolean keepTail) {
        this.output = raw ? Output.inherit() : Output.lines(line -> {
            log.log(Level.INFO, line, Map.of("pid", Integer.toString(pid.join())));
            if (keepTail) {
                remember(line);
            }
        });
    }

    Output output() {
        return output;
    }

    /** Releases the lines waiting for the pid; 0 when the spawn failed (then no line ever comes). */
    void started(int processId) {
        pid.complete(processId);
    }

    /** The last lines printed (up to about 4 KiB), for an {@code unhealthy} event's output. */
    synchronized String tail() {
        return String.join("\n", tail);
    }

    private synchronized void remember(String line) {
        tail.addLast(line);
        tailChars += line.length() + 1;
        while (tailChars > TAIL_CHARS && tail.size() > 1) {
            tailChars -= tail.removeFirst().length() + 1;
        }
    }
}
