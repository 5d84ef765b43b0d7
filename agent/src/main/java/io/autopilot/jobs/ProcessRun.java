package io.autopilot.jobs;

import io.autopilot.decode.GoDuration;
import io.autopilot.events.ExitCause;
import io.autopilot.logging.Log;
import io.autopilot.process.Child;
import io.autopilot.process.ExitStatus;
import io.autopilot.process.OomCounters;
import io.autopilot.process.SpawnRequest;
import io.autopilot.process.SpawnResult;
import io.autopilot.users.UnknownAccount;
import io.autopilot.users.UserDatabase;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * One run of a {@link Command}: spawn, enforce its timeout, report how it ended. Started and completed on its owner's
 * context; the spawn runs on a worker (posix_spawn waits for the child's exec), and the exit, which the reaper
 * thread reports, comes back onto the context. {@link #signal} may be called from any thread.
 */
final class ProcessRun {
    private static final int SIGKILL = 9;

    private final JobContext jobs;
    private final Context context;
    private final Log log;
    private final Command command;
    private final RunOutput output;
    private final Promise<RunResult> result = Promise.promise();
    private volatile Child child;
    private volatile int pendingSignal;
    private long startNanos;
    private boolean timedOut;
    // Why the agent signalled the process, if it did: set from any thread, read once the process has been reaped.
    private volatile boolean stopping;
    private volatile boolean killedAfterStopTimeout;
    private volatile OomCounters.Reading oomBefore;

    private ProcessRun(JobContext jobs, Context context, Log log, Command command, boolean keepOutput) {
        this.jobs = jobs;
        this.context = context;
        this.log = log;
        this.command = command;
        this.output = new RunOutput(jobs.log(), command, keepOutput);
    }

    /**
     * Starts {@code command}; call on {@code context}. {@code onStarted} gets the pid on the context, before the run
     * can end.
     *
     * @param log for the run's own messages (timeout, spawn failure): the job's or the check's log
     * @param keepOutput whether the result carries the last lines printed (for health checks)
     */
    static ProcessRun start(JobContext jobs, Context context, Log log, Command command, boolean keepOutput,
                            IntConsumer onStarted) {
        return start(jobs, context, log, command, keepOutput, Map.of(), onStarted);
    }

    /** @param extraEnvironment variables of this run only, over the shared ones (what its trigger carried) */
    static ProcessRun start(JobContext jobs, Context context, Log log, Command command, boolean keepOutput,
                            Map<String, String> extraEnvironment, IntConsumer onStarted) {
        var run = new ProcessRun(jobs, context, log, command, keepOutput);
        run.spawn(extraEnvironment, onStarted);
        return run;
    }

    Future<RunResult> result() {
        return result.future();
    }

    /** Sends {@code signal} to the run's process group, now or as soon as the process exists. */
    void signal(int signal) {
        pendingSignal = signal;
        Child current = child;
        if (current != null) {
            current.signal(signal);
        }
    }

    /** Sends the job's stop signal: an exit after it is the agent's stop ({@link ExitCause#STOPPED}). */
    void stop(int signal) {
        stopping = true;
        signal(signal);
    }

    /** SIGKILLs the process group: the agent's stop timeout ran out ({@link ExitCause#TIMEOUT}). */
    void killAfterStopTimeout() {
        killedAfterStopTimeout = true;
        signal(SIGKILL);
    }

    private void spawn(Map<String, String> extraEnvironment, IntConsumer onStarted) {
        var shared = jobs.environment().forSpawn(extraEnvironment);
        startNanos = System.nanoTime();
        jobs.spawns().executeBlocking(() -> spawnAndTag(shared), false).onComplete(spawned -> {
            if (spawned.failed()) {
                finish(0, ExitStatus.exited(126), String.valueOf(spawned.cause()), ExitCause.SPAWN_FAILURE);
                return;
            }
            switch (spawned.result()) {
                case SpawnResult.Started started -> running(started.child(), onStarted);
                case SpawnResult.Failed failed -> {
                    log.error(command.source() + " could not start: " + failed.message());
                    finish(0, failed.status(), failed.message(), ExitCause.SPAWN_FAILURE);
                }
            }
        });
    }

    // The output's sink waits for the pid, and every child's output is read on one thread: tagged here, on the spawn
    // thread, a line that comes before it waits a moment, not for this context to run the result.
    // The user database is read here, off the context: it is a file.
    private SpawnResult spawnAndTag(Map<String, String> shared) {
        SpawnRequest request;
        try {
            request = command.request(shared, output.output(), UserDatabase.SYSTEM);
        } catch (UnknownAccount e) {
            return new SpawnResult.Failed(e.getMessage(), 0, ExitStatus.exited(126));
        }
        oomBefore = jobs.spawner().oomCounters().read();
        SpawnResult spawned = jobs.spawner().spawn(request);
        if (spawned instanceof SpawnResult.Started started) {
            output.started(started.child().pid());
        }
        return spawned;
    }

    private void running(Child started, IntConsumer onStarted) {
        child = started;
        onStarted.accept(started.pid());
        int pending = pendingSignal;
        if (pending != 0) {
            started.signal(pending);
        }
        long timer = command.timeout().map(timeout -> context.owner().setTimer(Math.max(1, timeout.toMillis()),
                id -> timeOut(started, timeout))).orElse(-1L);
        started.exit().whenComplete((status, error) -> {
            ExitStatus exit = status != null ? status : ExitStatus.exited(126);
            // Here, on the reaper's thread, not the event loop: it reads the cgroup's files, once per SIGKILL death.
            boolean oom = exit instanceof ExitStatus.Killed(int signal) && signal == SIGKILL && oomBefore.rose();
            context.runOnContext(v -> {
                if (timer >= 0) {
                    context.owner().cancelTimer(timer);
                }
                ExitCause cause = cause(exit, oom);
                String reason = timedOut ? ExitReason.timedOut(command.timeout().orElseThrow())
                        : cause == ExitCause.OOM ? ExitReason.outOfMemory() : ExitReason.of(exit);
                finish(started.pid(), exit, reason, cause);
            });
        });
    }

    /** What the agent did to the process comes first: only it knows; then the OOM killer's count, then the status. */
    private ExitCause cause(ExitStatus exit, boolean oom) {
        if (timedOut || killedAfterStopTimeout) {
            return ExitCause.TIMEOUT;
        }
        if (oom) {
            return ExitCause.OOM;
        }
        if (stopping) {
            return ExitCause.STOPPED;
        }
        return exit instanceof ExitStatus.Killed ? ExitCause.SIGNAL : ExitCause.EXIT;
    }

    // As ContainerPilot: SIGKILL to the whole group, logged as "<name> timeout after <d>: '<args>'". The run still
    // ends only when the process has been reaped, so the next run never overlaps a dying one.
    private void timeOut(Child started, Duration timeout) {
        timedOut = true;
        log.warn(command.source() + " timeout after " + GoDuration.format(timeout) + ": '"
                + String.join(" ", command.argv()) + "'");
        started.signal(SIGKILL);
    }

    private void finish(int pid, ExitStatus status, String reason, ExitCause cause) {
        output.started(pid);
        Duration uptime = Duration.ofNanos(System.nanoTime() - startNanos);
        if (!command.check() && pid != 0 && cause != ExitCause.EXIT) {
            logKilled(pid, reason, cause);
        }
        result.complete(new RunResult(pid, status, reason, cause, output.tail(), uptime));
    }

    // A job that exits by itself publishes its exit, as ever; one the agent stopped is worth a line, and one that
    // something else killed a warning, which says what did.
    private void logKilled(int pid, String reason, ExitCause cause) {
        String line = command.source() + " (pid " + pid + ") ended: " + reason + "; cause: " + cause.label();
        if (cause == ExitCause.STOPPED) {
            log.info(line);
        } else {
            log.warn(line);
        }
    }
}
