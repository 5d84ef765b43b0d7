package io.autopilot.core;

import io.autopilot.config.AgentConfig;
import io.autopilot.events.Event;
import io.autopilot.events.EventBus;
import io.autopilot.jobs.JobConfig;
import io.autopilot.logging.Log;
import io.autopilot.logging.LoggingConfig.Level;
import io.autopilot.process.ExitStatus;
import io.autopilot.process.Signals;
import io.autopilot.process.Spawner;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The supervisor: starts every job, then publishes {@code startup}; stops them on TERM/INT, when the main job ends,
 * or when a job gives up and asks; and returns the exit code once every job has ended or the stop timeout has run
 * out and what was left has been killed.
 *
 * <p>Its state is confined to one Vert.x context: signals, job completions and timers all arrive there as tasks, so
 * it needs no locks. {@link #run()} blocks its caller until the agent is done and never exits the process.
 */
public final class Agent {
    /** After the stop timeout's SIGKILLs, how long to wait for the kills to be reaped, for a true exit code. */
    static final Duration KILL_GRACE = Duration.ofSeconds(1);
    /** Beyond the stop timeout and the kill grace, how long the way out may take before the watchdog halts. */
    static final Duration HANG_MARGIN = Duration.ofSeconds(5);

    private enum Phase { NEW, STARTING, RUNNING, STOPPING, DONE }

    private final Settings settings;
    private final AgentServices services;
    private final Reloader reloader;
    private final Log log;
    private final Context context;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    // Confined to context.
    private Phase phase = Phase.NEW;
    private AgentConfig config;
    private Optional<String> pendingShutdown = Optional.empty();
    private final Map<String, Supervised> running = new LinkedHashMap<>();
    /** Jobs a reload is stopping: their end is not the agent's business (no exit code, no shutdown). */
    private final Set<Supervised> retiring = Collections.newSetFromMap(new IdentityHashMap<>());
    private List<Component> components = List.of();
    private boolean componentsStopping;
    private final ExitCodes codes = new ExitCodes();

    /**
     * Everything an agent is made of; {@link Init} fills it from the configuration, tests by hand.
     *
     * @param config the configuration it starts with, the command after {@code --} already among its jobs
     * @param source where a reload reads the configuration again
     */
    public record Settings(AgentConfig config, Log log, Spawner spawner, Map<String, String> environment,
                           JobFactory factory, ComponentFactory components, Watchdog watchdog, LogControl logControl,
                           ConfigSource source) {
    }

    private Agent(Settings settings) {
        this.settings = settings;
        this.config = settings.config();
        this.log = settings.log();
        AgentErrors errors = new AgentErrors(log, this::failed,
                () -> settings.watchdog().halt(ExitCodes.AGENT_FAILED));
        Vertx vertx = Runtimes.vertx(errors);
        // Called outside Vert.x, this makes a context of the agent's own (on the one event loop).
        this.context = vertx.getOrCreateContext();
        EventBus bus = new EventBus(e -> errors.report("bus subscriber", e));
        this.services = new AgentServices(vertx, bus, settings.spawner(), log,
                new AgentEnvironment(settings.environment()), new JobDirectory(),
                code -> context.runOnContext(v -> stopRequested(code)), this::reload, errors,
                BlockingThreads.of(vertx, errors));
        this.reloader = new Reloader(this, settings, services, context);
    }

    /** Creates the agent and its Vert.x instance; nothing runs until {@link #run()}. */
    public static Agent create(Settings settings) {
        return new Agent(settings);
    }

    public AgentServices services() {
        return services;
    }

    /** Starts the jobs, waits until the agent is done and returns its exit code. Call once, outside Vert.x. */
    public int run() {
        if (stoppedBeforeRun()) {
            return finished();
        }
        try {
            // On this thread, outside Vert.x: each job takes a context of its own when it starts.
            List<Supervised> jobs = settings.factory().create(config.jobs(), names(config), services);
            services.jobs().put(jobs); // before the components, which may act on the jobs
            List<Component> parts = settings.components().create(config, services);
            List<Future<Void>> starts = new ArrayList<>(jobs.stream().map(Supervised::start).toList());
            parts.forEach(part -> starts.add(part.start()));
            context.runOnContext(v -> {
                components = parts;
                starting(jobs, starts);
            });
        } catch (RuntimeException e) {
            log.error("could not create the jobs: " + e);
            context.runOnContext(v -> {
                codes.agentFailed();
                finish();
            });
        }
        return finished();
    }

    /**
     * Whether a stop was asked for before {@link #run()} (a TERM while the configuration loaded): then nothing is made
     * or started. Asked on the context, so a signal handed to it before this call has been seen.
     */
    private boolean stoppedBeforeRun() {
        CompletableFuture<Boolean> stopped = new CompletableFuture<>();
        context.runOnContext(v -> stopped.complete(phase != Phase.NEW));
        return stopped.join();
    }

    private int finished() {
        int code = exit.join();
        // Past this point only the process's exit remains; if a hook stalls it, halt.
        settings.watchdog().arm(HANG_MARGIN, () -> code);
        services.vertx().close();
        return code;
    }

    /**
     * Reads the configuration file again and applies it; callable from any thread (the control plane's
     * {@code /v3/reload}, SIGHUP when {@code reloadOn} says so). An invalid file changes nothing. Otherwise jobs whose
     * configuration is unchanged keep running untouched; removed jobs are stopped, changed ones stopped and made
     * anew, new ones made; the new and changed jobs that start on {@code startup} start; components whose part of the
     * configuration changed are restarted. Reloads never overlap: the requests that come while one runs are served
     * together by one more reload after it, which reads the file as it is then. During shutdown a reload is refused.
     *
     * @return completes when the reload is over, never failed
     */
    public Future<ReloadResult> reload() {
        return reloader.request();
    }

    /** Handles one of the agent's signals ("TERM"); callable from any thread, typically a JVM signal thread. */
    public void signal(String name) {
        context.runOnContext(v -> onSignal(name));
    }

    private void starting(List<Supervised> jobs, List<Future<Void>> starts) {
        if (phase != Phase.NEW) {
            return; // a TERM came before any job existed: the agent is done already
        }
        phase = Phase.STARTING;
        adopt(jobs);
        // Every start settles before the shutdown a failed one brings: a part stopped while it is still starting
        // (the control socket half made) would fail too, and log that as an error of its own.
        Future.join(starts).onComplete(result -> context.runOnContext(v -> {
            if (result.failed()) {
                starts.stream().filter(Future::failed)
                        .forEach(start -> log.error("could not start: " + start.cause().getMessage()));
                codes.agentFailed();
                pendingShutdown = Optional.of("a job or component could not start");
            }
            // Invariant: nothing is published before every job has subscribed (each start() completes after its
            // subscription), so no job misses startup, nor a shutdown asked for while they were subscribing.
            phase = Phase.RUNNING;
            if (pendingShutdown.isPresent()) {
                shutdown(pendingShutdown.get());
                return;
            }
            log.info(jobs.isEmpty() ? "started with no jobs: running until stopped (a reload may add some)"
                    : "started " + jobs.size() + (jobs.size() == 1 ? " job" : " jobs"));
            services.bus().publish(new Event.Startup());
            finishIfAllEnded();
            reloader.agentRunning();
        }));
    }

    private void onSignal(String name) {
        switch (SignalPlan.of(name).orElse(SignalPlan.FORWARD)) {
            case SHUTDOWN -> {
                if (phase == Phase.STOPPING || phase == Phase.DONE || pendingShutdown.isPresent()) {
                    log.info("received SIG" + name + " while shutting down: already stopping");
                } else {
                    codes.stoppedBy(Signals.number(name));
                    shutdown("received SIG" + name);
                }
            }
            case EVENT -> {
                // reloadOn turns the signal into a reload; validation keeps jobs from also starting on it.
                if (config.reloadOn().filter(("SIG" + name)::equals).isPresent()) {
                    log.info("received SIG" + name + ": reloading (reloadOn)");
                    reload();
                } else {
                    services.bus().publish(new Event.SignalReceived("SIG" + name));
                }
            }
            case REOPEN_LOG -> settings.logControl().reopen();
            case FORWARD -> forward(name);
        }
    }

    /** To the main job's process group; with no main job, to every running job's. */
    private void forward(String name) {
        int number = Signals.number(name);
        List<Supervised> mains = running.values().stream().filter(Supervised::isMain).toList();
        (mains.isEmpty() ? running.values() : mains).forEach(job -> job.signal(number));
        log.debug("forwarded SIG" + name);
    }

    /**
     * A fatal internal error: the agent stops as on TERM and exits 1. The watchdog is armed from the reporting thread,
     * since the event loop may be the part that failed; it reads the stop timeout off the agent's context, and a
     * stale one (a reload under way) is still better than a PID 1 that never exits.
     */
    private void failed(String reason) {
        settings.watchdog().arm(config.stopTimeout().plus(KILL_GRACE).plus(ComponentGrace.GRACE).plus(HANG_MARGIN),
                () -> ExitCodes.AGENT_FAILED);
        context.runOnContext(v -> {
            codes.failedFatally();
            shutdown(reason);
        });
    }

    private void stopRequested(int code) {
        if (phase == Phase.STOPPING || phase == Phase.DONE) {
            return;
        }
        codes.stopsBecause(code);
        shutdown("a job gave up and asked the agent to stop (exit " + code + ")");
    }

    private void jobEnded(Supervised job, Optional<ExitStatus> last) {
        if (!running.remove(job.name(), job)) {
            return;
        }
        if (retiring.remove(job)) {
            services.jobs().remove(job);
            log.info("job " + job.name() + " stopped for the reload: " + ExitCodes.describe(last));
            return;
        }
        codes.jobEnded(job.isMain(), last);
        log.info("job " + job.name() + " exited: " + ExitCodes.describe(last));
        if (job.isMain() && phase != Phase.STOPPING && phase != Phase.DONE) {
            last.ifPresent(status -> codes.stopsBecause(status.containerExitCode()));
            shutdown("main job " + job.name() + " exited");
            return;
        }
        finishIfAllEnded();
    }

    void finishIfAllEnded() {
        if (!running.isEmpty() || phase != Phase.RUNNING && phase != Phase.STOPPING) {
            return;
        }
        if (phase == Phase.RUNNING && reloader.inProgress()) {
            return; // the reload's new jobs are on their way; it calls this again when it is over
        }
        if (phase == Phase.RUNNING) {
            if (config.jobs().isEmpty()) {
                // Nothing can complete: an agent without jobs serves its control plane, telemetry, watches and
                // templates until it is stopped, as ContainerPilot's did, and a reload may add jobs.
                return;
            }
            List<String> alive = components.stream().filter(Component::keepsAgentAlive).map(Component::name).toList();
            if (!alive.isEmpty()) {
                log.info("every job completed; still running for " + String.join(", ", alive));
                return;
            }
            log.info("every job completed");
        }
        stopComponents();
    }

    /** After the last job: components release what they hold, within what is left of the stop timeout. */
    private void stopComponents() {
        if (componentsStopping) {
            return;
        }
        componentsStopping = true;
        if (components.isEmpty()) {
            finish();
            return;
        }
        ComponentGrace.stop(services.vertx(), context, log, components, "").onComplete(v -> finish());
    }

    private void shutdown(String reason) {
        if (phase == Phase.STOPPING || phase == Phase.DONE) {
            return;
        }
        if (phase == Phase.NEW || phase == Phase.STARTING) {
            pendingShutdown = pendingShutdown.or(() -> Optional.of(reason));
            if (phase == Phase.NEW) {
                finish(); // no job exists yet: there is nothing to stop
            }
            return;
        }
        phase = Phase.STOPPING;
        log.info("shutting down: " + reason);
        reloader.agentStopping();
        Duration stopTimeout = config.stopTimeout();
        // The watchdog reads the code from its own thread without synchronisation: it only fires when this context
        // is stuck, and a stale code is then better than a container that never exits.
        settings.watchdog().arm(stopTimeout.plus(KILL_GRACE).plus(ComponentGrace.GRACE).plus(HANG_MARGIN), codes::code);
        services.bus().publish(new Event.Shutdown());
        if (running.isEmpty()) {
            stopComponents();
            return;
        }
        services.vertx().setTimer(Math.max(1, stopTimeout.toMillis()), id -> stopTimeoutPassed());
    }

    private void stopTimeoutPassed() {
        if (phase == Phase.DONE) {
            return;
        }
        log.warn("stopTimeout " + config.stopTimeout().toMillis() + "ms passed: killing " + String.join(", ",
                running.keySet()));
        running.values().forEach(Supervised::kill);
        services.vertx().setTimer(KILL_GRACE.toMillis(), id -> stopComponents());
    }

    // What the reloader needs, on the agent's context.

    /** Supervises jobs from now on: they are in {@link #running} until they end. */
    void adopt(List<Supervised> jobs) {
        services.jobs().put(jobs);
        jobs.forEach(job -> running.put(job.name(), job));
        jobs.forEach(job -> job.completion().onComplete(ended -> context.runOnContext(
                v -> jobEnded(job, ended.succeeded() ? ended.result() : Optional.empty()))));
    }

    /** Marks a running job as stopped by the reload: its end then decides nothing. */
    void retire(Supervised job) {
        retiring.add(job);
    }

    boolean isRunning() {
        return phase == Phase.RUNNING;
    }

    boolean isStopping() {
        return phase == Phase.STOPPING || phase == Phase.DONE || pendingShutdown.isPresent();
    }

    Map<String, Supervised> running() {
        return running;
    }

    AgentConfig config() {
        return config;
    }

    void config(AgentConfig applied) {
        config = applied;
    }

    List<Component> components() {
        return components;
    }

    void components(List<Component> replaced) {
        components = List.copyOf(replaced);
    }

    static Set<String> names(AgentConfig config) {
        return config.jobs().stream().map(JobConfig::name).collect(Collectors.toUnmodifiableSet());
    }

    private void finish() {
        if (phase == Phase.DONE) {
            return;
        }
        phase = Phase.DONE;
        int code = codes.code();
        log.log(Level.INFO, "stopped: exit " + code, Map.of("exit", Integer.toString(code)));
        exit.complete(code);
    }
}
