package io.autopilot.files;

import io.autopilot.decode.EnvironmentValues;
import io.autopilot.decode.Origin;
import io.autopilot.discovery.Discovery;
import io.autopilot.events.Event;
import io.autopilot.events.EventBus;
import io.autopilot.logging.Log;
import io.autopilot.process.Spawner;
import io.autopilot.saved.Saved;
import io.autopilot.saved.SavedAnswers;
import io.autopilot.templates.Template;
import io.autopilot.templates.TemplateException;
import io.autopilot.watches.WatchConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One template: an actor confined to its own Vert.x context that renders its file from {@code startup} on and again
 * whenever what it reads in Consul changes (after {@code wait}, if set). A render that is complete (everything it
 * reads has answered, every {@code key} it needs exists) and differs from the file is staged, validated and installed
 * ({@link FileWrite}, {@link ValidationRun}); then {@code rendered} is published from {@code template.<name>} and the
 * template's job actions are requested. A render that fails, or that {@code validate} refuses, leaves the file as it
 * was and publishes {@code renderFailed}. The first complete render also publishes {@code rendered} when the file
 * already held its text, so jobs waiting for the file start in a container restarted over an old one.
 *
 * <p>The answers of a render that reached the file are saved as last-known-good data ({@link SavedReads}); when the
 * template starts and a query fails before its first answer, the saved answer stands in for it, so the file is
 * rendered (and {@code rendered} published, marked with when the data was saved) while Consul does not answer.
 *
 * <p>{@link #start()} is called outside Vert.x; the other public methods from any thread.
 */
public final class TemplateFile {
    private final TemplateConfig config;
    private final Settings settings;
    private final Log log;
    private final Dependencies dependencies;
    private final Optional<Settling> settling;
    private final Template template;
    private final SavedReads saved;
    private volatile TemplateSnapshot snapshot;
    private volatile Context context;
    private EventBus.Subscription events;
    private Discovery discovery;
    private Dependencies.Reads reads;
    private boolean began;
    private boolean stopped;
    private boolean writing;
    private boolean renderAgain;
    private boolean renderQueued;
    private String refused;

    /**
     * What every template shares.
     *
     * @param consul opens a Consul client; empty when the configuration has no {@code consul} block
     * @param environment the agent's environment now: the template's dot, {@code env}, and validate's environment
     * @param jobs asks a job for a restart or a signal
     * @param spawns the thread {@code validate} is spawned on
     * @param fileWrites the thread files are staged, flushed and renamed on: a slow disk delays only templates
     * @param saved where templates keep their last-known-good data
     */
    public record Settings(Vertx vertx, EventBus bus, Spawner spawner, WorkerExecutor spawns,
            WorkerExecutor fileWrites, Log log, Clock clock,
            Optional<Supplier<Discovery>> consul, Supplier<Map<String, String>> environment,
            Map<String, WatchConfig> watches, JobControl jobs, SavedAnswers saved) {

        /** Saving nothing. */
        public Settings(Vertx vertx, EventBus bus, Spawner spawner, WorkerExecutor spawns,
                WorkerExecutor fileWrites, Log log, Clock clock,
                Optional<Supplier<Discovery>> consul, Supplier<Map<String, String>> environment,
                Map<String, WatchConfig> watches, JobControl jobs) {
            this(vertx, bus, spawner, spawns, fileWrites, log, clock, consul, environment, watches, jobs,
                    SavedAnswers.NONE);
        }
    }

    public TemplateFile(TemplateConfig config, Settings settings) {
        this.config = config;
        this.settings = settings;
        this.log = settings.log().with("template", config.eventSource());
        this.dependencies = new Dependencies(this::discovery, this::changed, this::live, log);
        this.saved = new SavedReads(settings.saved(), config);
        this.settling = config.quiescence().map(wait -> new Settling(settings.vertx(), wait));
        var functions = TemplateFunctions.of(name -> settings.environment().get().get(name), new CurrentReads(),
                settings.watches());
        this.template = config.parse(functions);
        this.snapshot = TemplateSnapshot.initial(config);
    }

    public TemplateSnapshot snapshot() {
        return snapshot;
    }

    /** Subscribes on a context of its own; the first render comes on {@code startup}. */
    public Future<Void> start() {
        Optional<Saved> answers = saved.load();
        Context own = settings.vertx().getOrCreateContext();
        context = own;
        Promise<Void> subscribed = Promise.promise();
        own.runOnContext(v -> {
            dependencies.offer(answers);
            events = settings.bus().subscribe(task -> own.runOnContext(ignored -> task.run()), event -> {
                if (event instanceof Event.Startup) {
                    begin();
                }
            });
            subscribed.complete();
        });
        return subscribed.future();
    }

    /** A reload made this template after {@code startup}: it renders now. */
    public void startupPassed() {
        context.runOnContext(v -> begin());
    }

    /** Cancels its queries and timers; nothing is written or published afterwards. */
    public Future<Void> stop() {
        Context own = context;
        if (own == null) {
            return Future.succeededFuture();
        }
        Promise<Void> done = Promise.promise();
        own.runOnContext(v -> {
            stopped = true;
            if (events != null) {
                events.cancel();
            }
            settling.ifPresent(Settling::cancel);
            dependencies.cancelAll();
            (discovery == null ? Future.<Void>succeededFuture() : discovery.close()).onComplete(ignored ->
                    done.complete());
        });
        return done.future();
    }

    private Optional<Discovery> discovery() {
        if (discovery == null && settings.consul().isPresent()) {
            discovery = settings.consul().get().get();
        }
        return Optional.ofNullable(discovery);
    }

    private void begin() {
        if (!began && !stopped) {
            began = true;
            render();
        }
    }

    /** A dependency answered with new data: render, at once or once changes have settled. */
    private void changed() {
        if (!began || stopped) {
            return;
        }
        if (settling.isEmpty() || !snapshot.rendered()) {
            queueRender(); // the first render is never held back: jobs may be waiting for the file
            return;
        }
        settling.get().changed(this::render);
    }

    /** Answers that come in one go (several queries' first results) make one render. */
    private void queueRender() {
        if (!renderQueued) {
            renderQueued = true;
            context.runOnContext(v -> {
                renderQueued = false;
                render();
            });
        }
    }

    private void render() {
        if (stopped) {
            return;
        }
        if (writing) {
            renderAgain = true;
            return;
        }
        Dependencies.Reads done = dependencies.reads();
        reads = done;
        String text;
        Map<String, String> environment = Map.of();
        try {
            environment = settings.environment().get();
            text = template.render(environment);
        } catch (TemplateException e) {
            dependencies.follow(done, false);
            // The failing action may have been working on any variable, and this goes to the log and -status.
            EnvironmentValues values = new EnvironmentValues(e.templateName());
            values.addAll(environment, e.line());
            failed(values.hide("could not render the template: " + e.getMessage(),
                    Origin.of(e.templateName(), e.line(), e.column())));
            return;
        } catch (RuntimeException | Error e) {
            // Whatever ends a render is its failure, reported as every other one: the old file stays and the jobs
            // waiting for renderFailed hear of it. What the agent cannot survive still goes on to its handler.
            dependencies.follow(done, false);
            failed("could not render the template: " + e);
            if (e instanceof VirtualMachineError) {
                throw e;
            }
            return;
        } finally {
            reads = null;
        }
        dependencies.follow(done, true);
        Optional<Instant> savedAt = dependencies.savedAt();
        // Saved even when part of it is still saved data: a query that then answers the same as its saved data
        // renders nothing again, so this is the last time the file's data can be saved.
        Map<String, List<?>> answers = dependencies.answers(done);
        List<String> missing = done.missing();
        publishSnapshot(missing, snapshot.lastError());
        if (!missing.isEmpty()) {
            log.debug("waiting for " + String.join(", ", missing));
            return;
        }
        if (text.equals(refused)) {
            return; // validate refused this very text already; renderFailed said so
        }
        write(text, savedAt, answers);
    }

    /** The dependencies that served saved data all answered with that same data: the file is current as it is. */
    private void live() {
        if (!stopped && dependencies.savedAt().isEmpty() && snapshot.savedAt().isPresent()) {
            log.info("Consul answers with the data " + config.destination() + " was rendered from; it is current");
            var s = snapshot;
            snapshot = new TemplateSnapshot(s.name(), s.source(), s.destination(), s.rendered(), s.writes(),
                    s.lastWrite(), s.lastError(), s.waitingFor(), s.dependencies(), Optional.empty());
        }
    }

    /**
     * @param savedAt when the data rendered was saved, for a render of last-known-good data
     * @param answers Consul's answers rendered, to save once the file holds them
     */
    private void write(String text, Optional<Instant> savedAt, Map<String, List<?>> answers) {
        writing = true;
        Path destination = config.destination();
        settings.fileWrites().executeBlocking(() -> {
            if (FileWrite.holds(destination, text)) {
                return Optional.<Path>empty();
            }
            return Optional.of(FileWrite.stage(destination, text, config.mode()));
        }, false).compose(staged -> {
            if (staged.isEmpty()) {
                return Future.succeededFuture(Outcome.UNCHANGED);
            }
            return validate(staged.get()).compose(refusal -> settings.fileWrites().executeBlocking(() -> {
                if (refusal.isPresent()) {
                    FileWrite.discard(staged.get());
                    return new Outcome(false, refusal);
                }
                FileWrite.install(staged.get(), destination);
                return Outcome.WRITTEN;
            }, false));
        }).onComplete(result -> context.runOnContext(v -> {
            writing = false;
            if (!stopped) {
                if (result.failed()) {
                    failed("could not write " + destination + ": " + result.cause().getMessage());
                } else {
                    written(result.result(), text, savedAt, answers);
                }
            }
            if (renderAgain) {
                renderAgain = false;
                render();
            }
        }));
    }

    private Future<Optional<String>> validate(Path staged) {
        if (config.validate().isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        return ValidationRun.run(config.validate().get(), staged, settings.spawner(), settings.spawns(),
                settings.environment().get(), context);
    }

    private void written(Outcome outcome, String text, Optional<Instant> savedAt, Map<String, List<?>> answers) {
        if (outcome.refusal().isPresent()) {
            refused = text;
            failed(outcome.refusal().get());
            return;
        }
        refused = null;
        saved.save(answers, settings.clock().instant(), settings.fileWrites());
        boolean first = !snapshot.rendered();
        var s = snapshot;
        snapshot = new TemplateSnapshot(s.name(), s.source(), s.destination(), true,
                s.writes() + (outcome.changed() ? 1 : 0),
                outcome.changed() ? Optional.of(settings.clock().instant()) : s.lastWrite(), Optional.empty(),
                s.waitingFor(), s.dependencies(), savedAt);
        if (s.savedAt().isPresent() && savedAt.isEmpty()) {
            log.info("Consul answers: " + config.destination() + " is rendered from its data again");
        }
        if (!outcome.changed() && !first) {
            return;
        }
        String what = outcome.changed() ? "rendered " + config.destination() : config.destination() + " is current";
        if (savedAt.isPresent()) {
            log.warn(what + " from last-known-good data saved at " + savedAt.get() + ": Consul does not answer");
        } else {
            log.info(what);
        }
        if (outcome.changed()) {
            config.actions().forEach(this::request);
        }
        settings.bus().publish(new Event.Rendered(config.eventSource(), config.destination().toString(),
                outcome.changed(), savedAt));
    }

    private void request(TemplateConfig.JobAction action) {
        settings.jobs().request(action.job(), action.request()).onComplete(outcome -> {
            if (outcome.failed()) {
                log.warn("could not " + action + ": " + outcome.cause().getMessage());
            } else {
                log.debug(action + ": " + outcome.result());
            }
        });
    }

    private void failed(String reason) {
        log.error("render failed: " + reason + "; " + config.destination() + " is left as it was");
        publishSnapshot(snapshot.waitingFor(), Optional.of(reason));
        settings.bus().publish(new Event.RenderFailed(config.eventSource(), reason));
    }

    private void publishSnapshot(List<String> waitingFor, Optional<String> lastError) {
        var s = snapshot;
        snapshot = new TemplateSnapshot(s.name(), s.source(), s.destination(), s.rendered(), s.writes(),
                s.lastWrite(), lastError, waitingFor, dependencies.described(), s.savedAt());
    }

    /** How a write ended: the file replaced, already current, or refused by validate. */
    private record Outcome(boolean changed, Optional<String> refusal) {
        static final Outcome WRITTEN = new Outcome(true, Optional.empty());
        static final Outcome UNCHANGED = new Outcome(false, Optional.empty());
    }

    /** The template's Consul functions read through the render under way (the functions are bound at parse). */
    private final class CurrentReads implements TemplateData {
        @Override
        public List<Instance> service(Dependency.Service service) {
            return current().service(service);
        }

        @Override
        public List<KeyPair> keys(Dependency.Keys keys) {
            return current().keys(keys);
        }

        @Override
        public void require(Dependency dependency) {
            current().require(dependency);
        }

        private TemplateData current() {
            return reads == null ? TemplateData.NONE : reads;
        }
    }
}
