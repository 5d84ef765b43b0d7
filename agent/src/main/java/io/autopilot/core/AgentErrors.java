package io.autopilot.core;

import io.autopilot.control.StatusSource;
import io.autopilot.events.InternalErrors;
import io.autopilot.logging.Log;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The agent's {@link InternalErrors}: every report is logged with where it was thrown and counted by part, for the
 * metric and the status; a fatal one stops the agent through {@code stop} (as on SIGTERM, but exiting 1).
 *
 * <p>What may still run after an {@link OutOfMemoryError}: the stack that threw has unwound, so what it was
 * allocating is garbage again, and a single oversized allocation (the usual case) leaves a heap that works. So the
 * agent first tries its normal stop (jobs stopped, services deregistered), bounded by the watchdog that {@code stop}
 * arms. If that stop fails too (a second, different fatal error while stopping: the heap is really full) the process
 * halts at once through {@code halt}, its descendants SIGKILLed first.
 */
public final class AgentErrors implements InternalErrors {
    /** How many frames of a throwable's stack a log entry shows. */
    static final int FRAMES_SHOWN = 6;

    /** One part's errors so far. */
    public record Count(String part, long count, String last) {
    }

    private record Tally(LongAdder count, AtomicReference<String> last) {
    }

    private final Log log;
    private final Consumer<String> stop;
    private final Runnable halt;
    private final Map<String, Tally> tallies = new ConcurrentHashMap<>();
    private final AtomicReference<Throwable> firstFatal = new AtomicReference<>();

    /**
     * @param stop stops the agent, exiting 1, with the reason to log; from any thread
     * @param halt ends the process now, for when the stop cannot run
     */
    AgentErrors(Log log, Consumer<String> stop, Runnable halt) {
        this.log = log;
        this.stop = stop;
        this.halt = halt;
    }

    @Override
    public void report(String part, Throwable error) {
        if (error instanceof VirtualMachineError) {
            fatal(part, error);
            return;
        }
        try {
            count(part, error);
            log.error("internal error in " + part + ": " + error + where(error));
        } catch (Throwable ignored) {
            // A reporter that throws would end the loop it was called to save.
        }
    }

    @Override
    public void fatal(String part, Throwable error) {
        Throwable first = firstFatal.compareAndExchange(null, error);
        if (first == error) {
            return; // the same throwable, reported again by a layer around the part that reported it
        }
        try {
            count(part, error);
            log.error((first == null ? "fatal error in " + part + ", stopping the agent: "
                    : "another fatal error while stopping, in " + part + ", halting: ") + error + where(error));
            if (first == null) {
                stop.accept("fatal error in " + part + ": " + error);
                return;
            }
        } catch (Throwable unableToStop) {
            // Nothing else can be done in a JVM that cannot log or post a task.
        }
        halt.run();
    }

    /**
     * For threads without a handler of their own, installed process-wide by {@link Init}: what ends one is reported
     * under its name, its numbers removed ({@code autopilot-spawn-0} is {@code thread autopilot-spawn}).
     */
    Thread.UncaughtExceptionHandler forAnyThread() {
        return (thread, error) -> report(threadPart(thread), error);
    }

    static String threadPart(Thread thread) {
        String name = thread.getName().replaceAll("[-#]?[0-9]+", "").strip();
        return "thread " + (name.isEmpty() ? "(unnamed)" : name);
    }

    /** Every part that reported something, with its count and its last error. */
    public List<Count> counts() {
        return tallies.entrySet().stream()
                .map(entry -> new Count(entry.getKey(), entry.getValue().count().sum(), entry.getValue().last().get()))
                .sorted(Comparator.comparing(Count::part))
                .toList();
    }

    /** The {@code internalErrors} section of the status: one entry per part, with its count and last error. */
    StatusSource status() {
        return new StatusSource() {
            @Override
            public String section() {
                return "internalErrors";
            }

            @Override
            public JsonArray entries() {
                return new JsonArray(counts().stream().map(count -> new JsonObject().put("part", count.part())
                        .put("count", count.count()).put("last", count.last())).toList());
            }
        };
    }

    /** The counts by part, for the metric. */
    public Map<String, Long> countsByPart() {
        return counts().stream().collect(Collectors.toUnmodifiableMap(Count::part, Count::count));
    }

    private void count(String part, Throwable error) {
        Tally tally = tallies.computeIfAbsent(part, p -> new Tally(new LongAdder(), new AtomicReference<>()));
        tally.count().increment();
        tally.last().set(error + where(error));
    }

    /** The first frames of the stack, on the same line: a log entry is one line. */
    static String where(Throwable error) {
        StackTraceElement[] stack = error.getStackTrace();
        if (stack.length == 0) {
            return "";
        }
        return " (at " + Arrays.stream(stack).limit(FRAMES_SHOWN).map(String::valueOf)
                .collect(Collectors.joining(", ")) + (stack.length > FRAMES_SHOWN ? ", ...)" : ")");
    }
}
