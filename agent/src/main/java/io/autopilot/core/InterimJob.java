package io.autopilot.core;

import io.autopilot.events.Event;
import io.autopilot.events.EventBus;
import io.autopilot.events.EventCode;
import io.autopilot.jobs.JobConfig;
import io.autopilot.jobs.RestartPolicy;
import io.autopilot.jobs.Trigger;
import io.autopilot.logging.Log;
import io.autopilot.process.Child;
import io.autopilot.process.ExitStatus;
import io.autopilot.process.Output;
import io.autopilot.process.Signals;
import io.autopilot.process.SpawnRequest;
import io.autopilot.process.SpawnResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Interim: the smallest job that lets the agent run end to end until {@code io.autopilot.jobs.Job} replaces it —
 * triggers, immediate restarts, the stop signal, and ContainerPilot's pre-stop chain (a job waits, while stopping,
 * for the jobs that run on its {@code stopping} event). No health checks, timeouts, backoff or Consul. Replace, don't
 * grow. An actor: its state is touched only on its own context.
 */
final class InterimJob implements Supervised {
    private enum State { WAITING, RUNNING, STOPPING, DONE }

    private final JobConfig config;
    private final AgentServices services;
    private final Set<String> preStopJobs;
    private final Log log;
    private final Context context;
    private final Promise<Optional<ExitStatus>> completion = Promise.promise();

    // Confined to context.
    private State state = State.WAITING;
    private EventBus.Subscription subscription;
    private Child child;
    private Optional<ExitStatus> last = Optional.empty();
    private int restartsLeft;
    private boolean shutdownSeen;
    private final Set<String> awaitingStopped = new HashSet<>();
    private long periodic = -1;

    InterimJob(JobConfig config, AgentServices services, Set<String> preStopJobs) {
        this.config = config;
        this.services = services;
        this.preStopJobs = Set.copyOf(preStopJobs);
        this.log = services.log().with("job", config.name());
        this.context = services.vertx().getOrCreateContext();
        this.restartsLeft = switch (config.restarts()) {
            case RestartPolicy.Never never -> 0;
            case RestartPolicy.Limited limited -> limited.times();
            case RestartPolicy.Unlimited unlimited -> -1;
        };
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public boolean isMain() {
        return config.main();
    }

    @Override
    public Future<Void> start() {
        Promise<Void> subscribed = Promise.promise();
        context.runOnContext(v -> {
            subscription = services.bus().subscribe(task -> context.runOnContext(x -> task.run()), this::onEvent);
            subscribed.complete();
        });
        return subscribed.future();
    }

    @Override
    public Future<Optional<ExitStatus>> completion() {
        return completion.future();
    }

    @Override
    public void signal(int signal) {
        context.runOnContext(v -> {
            if (child != null) {
                child.signal(signal);
            }
        });
    }

    @Override
    public void kill() {
        signal(Signals.number("KILL"));
    }

    private void onEvent(Event event) {
        if (event instanceof Event.Shutdown) {
            shutdownSeen = true;
            // Jobs that run on another job's stopping/stopped stay for that one run (ContainerPilot §3.4).
            if (!runsOnStop()) {
                stop();
            }
            return;
        }
        if (event instanceof Event.Stopped stopped && awaitingStopped.remove(stopped.source())
                && awaitingStopped.isEmpty() && state == State.STOPPING) {
            sendStopSignal();
            return;
        }
        if (state == State.WAITING && triggeredBy(event)) {
            if (config.when().trigger() instanceof Trigger.Periodic p && periodic < 0) {
                periodic = services.vertx().setPeriodic(p.interval().toMillis(), id -> context.runOnContext(
                        v -> onEvent(new Event.Startup())));
            }
            run();
        }
    }

    private boolean triggeredBy(Event event) {
        return switch (config.when().trigger()) {
            case Trigger.OnStartup s -> event instanceof Event.Startup;
            case Trigger.Periodic p -> event instanceof Event.Startup;
            case Trigger.OnEvent on -> event.code() == on.event() && event.source().equals(on.source());
            case Trigger.OnSignal on -> event instanceof Event.SignalReceived r && r.source().equals(on.signal());
        };
    }

    private boolean runsOnStop() {
        return config.when().trigger() instanceof Trigger.OnEvent on
                && (on.event() == EventCode.STOPPING || on.event() == EventCode.STOPPED);
    }

    private boolean repeats() {
        return switch (config.when().trigger()) {
            case Trigger.OnStartup s -> false;
            case Trigger.OnEvent on -> on.each();
            case Trigger.OnSignal on -> true;
            case Trigger.Periodic p -> true;
        };
    }

    private void run() {
        if (config.exec().isEmpty()) {
            return; // nothing to run: the job lives until shutdown
        }
        state = State.RUNNING;
        var request = SpawnRequest.of(config.exec(), services.environment());
        if (!config.raw()) {
            request = request.withStdout(Output.lines(log::info)).withStderr(Output.lines(log::info));
        }
        switch (services.spawner().spawn(request)) {
            case SpawnResult.Started started -> {
                child = started.child();
                log.debug("started: pid " + child.pid());
                Child mine = child;
                mine.exit().whenComplete((status, error) -> context.runOnContext(v -> exited(mine.pid(), status,
                        ExitCodes.describe(Optional.of(status)))));
            }
            case SpawnResult.Failed failed -> {
                log.error("could not start: " + failed.message());
                context.runOnContext(v -> exited(0, failed.status(), failed.message()));
            }
        }
    }

    private void exited(int pid, ExitStatus status, String reason) {
        child = null;
        last = Optional.of(status);
        services.bus().publish(status.isSuccess() ? new Event.ExitSuccess(name(), pid)
                : new Event.ExitFailed(name(), pid, status.containerExitCode(), reason));
        if (state == State.STOPPING) {
            if (awaitingStopped.isEmpty()) {
                stopped();
            }
            return;
        }
        state = State.WAITING;
        if (!shutdownSeen && restartsLeft != 0) {
            restartsLeft = restartsLeft < 0 ? -1 : restartsLeft - 1;
            run();
        } else if (shutdownSeen || !repeats()) {
            stop();
        }
    }

    private void stop() {
        if (state == State.STOPPING || state == State.DONE) {
            return;
        }
        state = State.STOPPING;
        if (periodic >= 0) {
            services.vertx().cancelTimer(periodic);
        }
        services.bus().publish(new Event.Stopping(name()));
        awaitingStopped.addAll(preStopJobs);
        if (awaitingStopped.isEmpty()) {
            sendStopSignal();
        } else if (config.stopTimeout().isPositive()) {
            services.vertx().setTimer(config.stopTimeout().toMillis(), id -> context.runOnContext(v -> {
                if (state == State.STOPPING && !awaitingStopped.isEmpty()) {
                    awaitingStopped.clear();
                    sendStopSignal();
                }
            }));
        }
    }

    /** Stops the process if there is one; the job has stopped once it is gone. */
    private void sendStopSignal() {
        if (child != null) {
            child.signal(Signals.number(config.stopSignal()));
        } else {
            stopped();
        }
    }

    private void stopped() {
        if (state == State.DONE) {
            return;
        }
        state = State.DONE;
        services.bus().publish(new Event.Stopped(name()));
        subscription.cancel();
        completion.complete(last);
    }
}
