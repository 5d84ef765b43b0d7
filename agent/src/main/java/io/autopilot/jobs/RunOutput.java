package io.autopilot.jobs;

import io.autopilot.logging.ChildOutput;
import io.autopilot.logging.Log;
import io.autopilot.process.Output;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Where one run's stdout and stderr go: straight to the agent's streams ({@code logging.raw}), or line by line into
 * the agent's log through the logging package's child sinks ({@code job=<name>} or {@code check=check.<job>}, and
 * {@code pid=}). The sink needs the pid, known a moment after the spawn, so a line that arrives first waits for it:
 * ContainerPilot tagged lines with the previous run's pid instead. For checks it also keeps the last lines printed.
 */
final class RunOutput {
    private static final int TAIL_CHARS = 4096;

    private final CompletableFuture<Consumer<String>> sink = new CompletableFuture<>();
    private final Log log;
    private final Command command;
    private final Output output;
    private final ArrayDeque<String> tail = new ArrayDeque<>();
    private int tailChars;

    /** @param log the agent's root log */
    RunOutput(Log log, Command command, boolean keepTail) {
        this.log = log;
        this.command = command;
        this.output = command.raw() ? Output.inherit() : Output.lines(line -> {
            sink.join().accept(line);
            if (keepTail) {
                remember(line);
            }
        });
    }

    Output output() {
        return output;
    }

    /** Releases the lines waiting for the pid; 0 when the spawn failed (then no line ever comes). Any thread. */
    void started(int pid) {
        if (!sink.isDone()) {
            sink.complete(command.check() ? ChildOutput.ofCheck(log, command.job(), pid)
                    : ChildOutput.ofJob(log, command.job(), pid));
        }
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
