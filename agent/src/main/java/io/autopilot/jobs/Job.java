package io.autopilot.jobs;

import io.autopilot.decode.GoDuration;
import io.autopilot.events.Event;
import io.autopilot.events.EventBus;
import io.autopilot.logging.Log;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One job: an actor confined to its own Vert.x context, started by its {@code when} trigger, restarted with backoff,
 * checked by its health check, and stopped by the agent's shutdown. Create every job with {@link Jobs#create}, call
 * {@link #start()} on each, and only then publish {@link Event.Startup}.
 *
 * <p>A job never blocks its context: a run, a check, a hook it waits for, are all pending futures or timers. So a hung
 * process delays only its own job's next run (ContainerPilot held a lock for a process's whole life, and one hung
 * check could stall every job: its issues 548 and 590). A trigger that comes while the job still runs is skipped and
 * counted, never queued.
 *
 * <p>Public methods other than {@link #start()} may be called from any thread.
 */
public final class Job {
    final JobConfig config;
    final JobContext jobs;
    final Log log;
    Set<String> stopHooks;
    final CompletableFuture<JobOutcome> completion = new CompletableFuture<>();
    private final TriggerGate gate;
    private final Restarts restarts;
    final Set<String> stoppedJobs = new HashSet<>();
    private final JobStop shutdown = new JobStop(this);
    private final JobRequests requests = new JobRequests(this);
    private final JobLock lock;
    final RollingRestart rolling = new RollingRestart(this);
    volatile Context context;
    EventBus.Subscription subscription;
    volatile JobHealth health;
    final JobStatus status;
    volatile ProcessRun current;
    private long restartTimer = -1;
    private long periodicTimer = -1;
    private long whenTimer = -1;
    private boolean started;
    boolean active;
    // Operator requests: held ignores triggers and restarts until a start; restartOnExit runs again after this exit.
    boolean held;
    boolean restartOnExit;
    /** The lock its run started under was lost ({@code deposed}): it waits for its next trigger, not a restart. */
    boolean deposed;
    /** What the trigger of the current start carried for the process (a watch's change); kept for its restarts. */
    private Map<String, String> triggerEnvironment = Map.of();

    Job(JobConfig config, JobContext jobs, Set<String> stopHooks) {
        this.config = config;
        this.jobs = jobs;
        this.log = jobs.log().with("job", config.name());
        this.stopHooks = Set.copyOf(stopHooks);
        this.gate = new TriggerGate(config.name(), config.when().trigger());
        this.restarts = new Restarts(config.restarts(), config.backoff(), () -> ThreadLocalRandom.current().nextDouble());
        this.status = new JobStatus(config.name());
        this.lock = new JobLock(this, config.lock());
    }

    public String name() {
        return config.name();
    }

    public JobConfig config() {
        return config;
    }

    /**
     * Takes a context of its own and subscribes to the bus on it; completes once subscribed. Call from outside any
     * Vert.x context (each call from such a thread gets a new context), once, before {@code startup} is published.
     */
    public Future<Void> start() {
        Promise<Void> subscribed = Promise.promise();
        context = jobs.vertx().getOrCreateContext();
        health = new JobHealth(config, jobs, context, this::publishHealth);
        context.runOnContext(v -> {
            subscription = jobs.bus().subscribe(task -> context.runOnContext(ignored -> task.run()), this::onEvent);
            config.when().timeout().ifPresent(timeout ->
                    whenTimer = context.owner().setTimer(Math.max(1, timeout.toMillis()), id -> onWhenTimeout()));
            subscribed.complete();
        });
        return subscribed.future();
    }

    /** Completes when the job has ended for good, after it published {@code stopped}. */
    public CompletionStage<JobOutcome> completion() {
        return completion.copy();
    }

    /** Sends {@code signal} to the process group of the job's running process, if any (signal forwarding). */
    public void signal(int signal) {
        Optional.ofNullable(current).ifPresent(run -> run.signal(signal));
    }

    /**
     * SIGKILLs the job's process group and its check's, if they run, and stops waiting for pre-stop hooks: the
     * agent's stop timeout ran out.
     */
    public void kill() {
        Optional.ofNullable(current).ifPresent(ProcessRun::killAfterStopTimeout);
        shutdown.killChecksAndAbandonHooks();
    }

    /**
     * Stops this job alone, as a reload does with a job it removes or replaces, through its normal stop sequence:
     * {@code stopping}, its pre-stop hooks, {@code stopSignal}, {@code stopped}. A pre- or post-stop hook whose
     * source is in {@code stoppingWithIt} stays to run once more on that source's event, then ends, as on shutdown;
     * any other job ends now. Completes once the request has reached the job's context, so a caller that stops the
     * hooks first and their sources after knows no hook misses its source's event; {@link #completion()} tells when
     * the job has ended.
     */
    public Future<Void> stop(Set<String> stoppingWithIt) {
        Promise<Void> received = Promise.promise();
        context.runOnContext(v -> {
            onStop(stoppingWithIt);
            received.complete();
        });
        return received.future();
    }

    /**
     * Acts on a {@code startup} the agent published before this job existed: a reload created it. Call after
     * {@link #start()} has completed.
     */
    public void startupPassed() {
        context.runOnContext(v -> onEvent(new Event.Startup()));
    }

    /**
     * Replaces the jobs this one waits for when it stops: a reload added or removed pre-stop hooks.
     *
     * @param renewed jobs the reload replaced: their old instances' {@code stopped} no longer counts
     */
    public void replaceStopHooks(Set<String> hooks, Set<String> renewed) {
        Set<String> copy = Set.copyOf(hooks);
        context.runOnContext(v -> {
            stopHooks = copy;
            stoppedJobs.removeAll(renewed);
            shutdown.hookStopped();
        });
    }

    /**
     * Whether the agent's {@code shutdown} ends this job at once. A job started by another job's {@code stopping} or
     * {@code stopped} event (a pre- or post-stop hook) stays to run once more on that event, then ends.
     */
    public boolean stopsOnShutdown() {
        return !gate.isStopHook();
    }

    public JobSnapshot snapshot() {
        return status.snapshot();
    }

    /**
     * Runs the job now, as if its trigger had fired: a held job runs again (a periodic one re-arms its timer), a job
     * waiting for its trigger or backing off runs at once. An operator's start uses none of the job's restarts.
     */
    public Future<RequestOutcome> requestStart() {
        return requests.onContext(requests::start);
    }

    /**
     * Holds the job: sends {@code stopSignal} to its process, if one runs, and neither restarts it nor runs it on a
     * trigger until {@link #requestStart()}. It publishes the process's exit, not {@code stopping}/{@code stopped}:
     * those mean the job has ended for good and start its stop hooks. The agent is not stopped by a held main job.
     */
    public Future<RequestOutcome> requestStop() {
        return requests.onContext(requests::stop);
    }

    /** As an operator's restart: see {@link JobRequests#restart()} ({@code rolling} waits for a slot first). */
    public Future<RequestOutcome> requestRestart() {
        return requests.onContext(requests::restart);
    }

    /** Sends {@code signal} to the running process's group; {@link RequestOutcome#UNCHANGED} if none runs. */
    public Future<RequestOutcome> requestSignal(int signal) {
        return requests.onContext(() -> requests.signal(signal));
    }

    boolean hasEnded() {
        return status.isFinal() || shutdown.requested() || shutdown.inProgress();
    }

    /**
     * Runs the job now, on its trigger or an operator's start: cancels {@code when.timeout} and a pending restart,
     * and arms a periodic job's interval unless it is armed already.
     */
    void startNow() {
        held = false;
        whenTimer = cancel(whenTimer);
        restartTimer = cancel(restartTimer);
        if (periodicTimer < 0 && config.when().trigger() instanceof Trigger.Periodic(Duration interval)) {
            periodicTimer = context.owner().setPeriodic(Math.max(1, interval.toMillis()), id -> onTick());
        }
        run();
    }

    private void onEvent(Event event) {
        if (event instanceof Event.Stopped(String source)) {
            stoppedJobs.add(source);
            shutdown.hookStopped();
        }
        if (status.isFinal() || shutdown.inProgress()) {
            return;
        }
        switch (event) {
            case Event.Shutdown s -> {
                onShutdown();
                return;
            }
            case Event.EnterMaintenance m -> health.maintenance(true);
            case Event.ExitMaintenance m -> health.maintenance(false);
            default -> {
            }
        }
        if (gate.revokedBy(event)) {
            requests.depose();
        }
        // Maintenance events trigger jobs too: ContainerPilot starts a job whose when matches them (§3.7).
        if (gate.fires(event)) {
            onTrigger(event);
        }
    }

    private void onTrigger(Event event) {
        if (held) {
            log.debug(name() + " is held: ignored " + event.code().configName() + " from " + event.source());
            return;
        }
        if (current != null || restartTimer >= 0 || active) {
            status.skipped();
            log.debug(name() + " is still running: skipped the start on " + event.code().configName() + " from "
                    + event.source());
            return;
        }
        triggerEnvironment = SpawnEnvironment.ofTrigger(event);
        startNow();
    }

    // A tick that finds the previous run still going is skipped, not queued: the next tick starts the next run.
    private void onTick() {
        if (!restarts.available()) {
            return;
        }
        if (current != null) {
            status.skipped();
            log.debug(name() + " is still running: skipped this interval's run");
            return;
        }
        restarts.takeTick();
        status.restarted(restarts.used());
        run();
    }

    private void run() {
        started = true;
        if (!lock.ready()) {
            lock.acquire(this::run);
            return;
        }
        if (config.exec().isEmpty()) {
            active = true;
            status.running(0);
            health.start();
            return;
        }
        Command command = Command.ofJob(config);
        ProcessRun run = ProcessRun.start(jobs, context, log, command, false, triggerEnvironment, pid -> {
            jobs.environment().running(name(), pid);
            status.running(pid);
            health.start();
        });
        current = run;
        run.result().onSuccess(this::onRunEnded);
    }

    private void onRunEnded(RunResult result) {
        current = null;
        lock.release("its run ended");
        jobs.environment().exited(name(), result.pid());
        health.stop();
        status.exited(result);
        jobs.bus().publish(result.event(name()));
        if (shutdown.inProgress()) {
            shutdown.processExited();
        } else if (shutdown.requested()) {
            // A stop hook's run after the shutdown began is its last.
            end(result.success() ? JobState.COMPLETED : JobState.GAVE_UP);
        } else if (restartOnExit) {
            restartOnExit = false;
            run();
        } else if (held) {
            status.held();
        } else if (deposed) {
            deposed = false;
            status.waiting();
        } else if (config.when().trigger() instanceof Trigger.Periodic) {
            if (!restarts.available()) {
                end(JobState.COMPLETED);
            }
        } else if (restarts.available()) {
            scheduleRestart(result.uptime());
        } else if (!gate.repeats()) {
            end(result.success() ? JobState.COMPLETED : JobState.GAVE_UP);
        } else {
            status.waiting();
        }
    }

    // ContainerPilot restarted at once (a hot loop for a missing binary: its issue 396); here after a backoff.
    private void scheduleRestart(Duration uptime) {
        Duration delay = restarts.takeAfter(uptime);
        status.backingOff(restarts.used());
        log.debug(name() + " restarts in " + GoDuration.format(delay.truncatedTo(ChronoUnit.MILLIS)));
        restartTimer = context.owner().setTimer(Math.max(1, delay.toMillis()), id -> {
            restartTimer = -1;
            run();
        });
    }

    private void onWhenTimeout() {
        whenTimer = -1;
        if (!started && !status.isFinal() && !shutdown.inProgress()) {
            jobs.bus().publish(new Event.TimerExpired(name()));
            end(JobState.TIMED_OUT);
        }
    }

    private void onShutdown() {
        shutdown.request();
        if (!gate.isStopHook()) {
            end(JobState.STOPPED);
        } else if (current == null && restartTimer < 0 && stoppedJobs.containsAll(gate.hookSources())) {
            // Its sources already stopped before the shutdown: the event it waits for will never come.
            end(JobState.COMPLETED);
        }
    }

    private void onStop(Set<String> stoppingWithIt) {
        if (status.isFinal() || shutdown.inProgress()) {
            return;
        }
        shutdown.request();
        if (gate.hookSources().stream().noneMatch(stoppingWithIt::contains)) {
            end(JobState.STOPPED);
        }
    }

    /**
     * ContainerPilot's cleanup, run however the job ends: publish {@code stopping}; wait for the jobs that start on it
     * (bounded by {@code stopTimeout}, whose timer never fired in ContainerPilot); send {@code stopSignal} to the
     * process group and wait for the exit; publish {@code stopped}.
     */
    private void end(JobState finalState) {
        if (current == null) {
            lock.release("the job has ended");
        }
        cancelTimers();
        health.stop();
        health.kill();
        shutdown.begin(finalState);
    }

    void cancelTimers() {
        whenTimer = cancel(whenTimer);
        restartTimer = cancel(restartTimer);
        periodicTimer = cancel(periodicTimer);
    }

    /** Cancels a timer of this job's, if set; returns the value meaning "none". */
    private long cancel(long timer) {
        if (timer >= 0) {
            context.owner().cancelTimer(timer);
        }
        return -1;
    }

    private void publishHealth() {
        status.health(health.status(), health.lastCheck());
        rolling.healthChanged();
    }
}
