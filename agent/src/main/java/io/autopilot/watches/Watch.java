package io.autopilot.watches;

import io.autopilot.discovery.Discovery;
import io.autopilot.discovery.DiscoveryException;
import io.autopilot.discovery.KeyQuery;
import io.autopilot.discovery.ServiceQuery;
import io.autopilot.discovery.Subscription;
import io.autopilot.discovery.WatchListener;
import io.autopilot.events.Event;
import io.autopilot.events.EventBus;
import io.autopilot.events.WatchChange;
import io.autopilot.logging.Log;
import io.autopilot.saved.SavedAnswers;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One watch: an actor confined to its own Vert.x context that follows its service or KV key from {@code startup} on,
 * with blocking queries (the client never polls: {@code interval} only bounds the retries of a failing query), and
 * publishes from {@code watch.<name>}:
 *
 * <ul>
 *   <li>on a change, {@code changed} (carrying the instances, and those added and removed) then {@code healthy} if
 *       at least one instance is left, else {@code unhealthy}, as ContainerPilot;</li>
 *   <li>on a first result with no instance, {@code unhealthy} alone, as ContainerPilot's documentation promises
 *       (its code published nothing, so a job waiting for a dependency's absence never learnt of it);</li>
 *   <li>nothing while queries fail: the last result stays the current one;</li>
 *   <li>when the first query fails and a last-known-good result was saved ({@code lastKnownGood}), that result as
 *       if Consul had answered it, its {@code changed} marked with when it was saved ({@link SavedResult}); once
 *       Consul answers, its answer is published only if it differs from the saved one.</li>
 * </ul>
 *
 * A change is any difference in an instance's ID, node, address, port, tags or meta (ContainerPilot compared only
 * addresses and ports), or for keys, in a key or its value. Each watch has its own state, so two watches of one
 * service with different tags do not trample each other as they did in ContainerPilot.
 *
 * <p>{@link #start()} is called outside Vert.x; the other public methods from any thread.
 */
public final class Watch {
    /**
     * Linux refuses a spawn whose single environment string exceeds 128 KiB ({@code MAX_ARG_STRLEN}); a change list
     * longer than this is handed to jobs as {@code null} instead, so the job still runs.
     */
    static final int ENVIRONMENT_LIMIT = 120 * 1024;

    private final WatchConfig config;
    private final Discovery discovery;
    private final EventBus bus;
    private final Vertx vertx;
    private final Log log;
    private final Clock clock;
    private final SavedResult saved;
    private volatile WatchSnapshot snapshot;
    private volatile Context context;
    private EventBus.Subscription events;
    private Subscription query;
    private List<?> last;
    private boolean stopped;

    public Watch(WatchConfig config, Discovery discovery, EventBus bus, Vertx vertx, Log log, Clock clock) {
        this(config, discovery, bus, vertx, log, clock, SavedAnswers.NONE);
    }

    /** @param saved where its last-known-good result is kept */
    public Watch(WatchConfig config, Discovery discovery, EventBus bus, Vertx vertx, Log log, Clock clock,
            SavedAnswers saved) {
        this.config = config;
        this.saved = new SavedResult(saved, config);
        this.discovery = discovery;
        this.bus = bus;
        this.vertx = vertx;
        this.log = log.with("watch", config.source());
        this.clock = clock;
        this.snapshot = new WatchSnapshot(config.name(), config.source(), kind(), target(), false, 0,
                Optional.empty(), Optional.empty(), 0, 0, Duration.ZERO);
    }

    public WatchConfig config() {
        return config;
    }

    public WatchSnapshot snapshot() {
        return snapshot;
    }

    /** Subscribes on a context of its own; the queries begin on {@code startup}, so no job misses a first result. */
    public Future<Void> start() {
        saved.load();
        Context own = vertx.getOrCreateContext();
        context = own;
        Promise<Void> subscribed = Promise.promise();
        own.runOnContext(v -> {
            events = bus.subscribe(task -> own.runOnContext(ignored -> task.run()), this::onEvent);
            subscribed.complete();
        });
        return subscribed.future();
    }

    /** A reload made this watch after {@code startup}: its queries begin now. */
    public void startupPassed() {
        context.runOnContext(v -> onEvent(new Event.Startup()));
    }

    /** Cancels the queries; nothing is published afterwards. */
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
            if (query != null) {
                query.cancel();
            }
            done.complete();
        });
        return done.future();
    }

    private void onEvent(Event event) {
        if (event instanceof Event.Startup && query == null && !stopped) {
            query = follow();
        }
    }

    private Subscription follow() {
        if (config.key().isPresent()) {
            String key = config.key().get();
            var keys = new KeyQuery(key, key.endsWith("/"), config.datacenter(), config.interval());
            return discovery.watchKeys(keys, listener());
        }
        var service = new ServiceQuery(config.name(), config.tag(), config.datacenter(), config.interval());
        return discovery.watchService(service, listener());
    }

    private <T extends List<?>> WatchListener<T> listener() {
        return new WatchListener<>() {
            @Override
            public void onResult(T result) {
                Watch.this.onResult(result);
            }

            @Override
            public void onError(DiscoveryException error) {
                Watch.this.onError(error);
            }

            @Override
            public void onAnswer(Duration took) {
                Watch.this.onAnswer(took);
            }
        };
    }

    /** Every answer, changed or not, ends a run of failures. */
    private void onAnswer(Duration took) {
        if (stopped) {
            return;
        }
        var s = snapshot;
        snapshot = new WatchSnapshot(s.name(), s.source(), s.kind(), s.target(), s.results(), s.instances(),
                s.lastChange(), Optional.empty(), s.changes(), s.queries() + 1, s.queryTime().plus(took),
                s.savedAt());
    }

    private void onResult(List<?> result) {
        if (stopped) {
            return;
        }
        saved.save(result, clock.instant(), context);
        Optional<Instant> savedAt = snapshot.savedAt();
        if (savedAt.isPresent()) {
            log.info(config.source() + ": Consul answers; its result replaces the one saved at " + savedAt.get()
                    + (result.equals(last) ? ", which was the same" : ""));
            if (result.equals(last)) {
                publishSnapshot(snapshot.lastChange(), 0, Optional.empty());
                return;
            }
        }
        publish(result, Optional.empty());
    }

    /** A first query failed: the saved result, if any, stands in for Consul's until it answers. */
    private void serveSaved(String failure) {
        saved.offer().ifPresent(result -> {
            log.warn(config.source() + ": Consul does not answer (" + failure + "); publishing the last-known-good"
                    + " result saved at " + result.savedAt() + " until it does");
            publish(saved.entries(result), Optional.of(result.savedAt()));
        });
    }

    /** @param savedAt when {@code result} was saved, when it is last-known-good data rather than Consul's answer */
    private void publish(List<?> result, Optional<Instant> savedAt) {
        List<?> previous = last;
        last = result;
        String source = config.source();
        if (previous == null && result.isEmpty()) {
            publishSnapshot(snapshot.lastChange(), 0, savedAt);
            bus.publish(new Event.Unhealthy(source, emptyReason()));
            return;
        }
        WatchChange change = change(previous == null ? List.of() : previous, result, savedAt);
        publishSnapshot(Optional.of(clock.instant()), 1, savedAt);
        log.debug(source + " changed: " + result.size() + " " + (config.key().isPresent() ? "keys" : "instances"));
        bus.publish(new Event.Changed(source, change));
        bus.publish(result.isEmpty() ? new Event.Unhealthy(source, emptyReason()) : new Event.Healthy(source));
    }

    private void onError(DiscoveryException error) {
        if (stopped) {
            return;
        }
        String message = String.valueOf(error.getMessage());
        var s = snapshot;
        // Unreachable Consul is logged once per change by the client; other failures once per distinct reason.
        if (error.kind() != DiscoveryException.Kind.UNREACHABLE && !s.lastError().equals(Optional.of(message))) {
            log.warn(config.source() + ": " + message);
        }
        snapshot = new WatchSnapshot(s.name(), s.source(), s.kind(), s.target(), s.results(), s.instances(),
                s.lastChange(), Optional.of(message), s.changes(), s.queries(), s.queryTime(), s.savedAt());
        if (last == null) {
            serveSaved(message);
        }
    }

    /**
     * Added: entries of the result that were not in the previous one; removed: the other way round. Looked up in
     * sets: with lists, a service of 5,000 instances took seconds of the watch's thread per change.
     */
    static WatchChange change(List<?> previous, List<?> current) {
        return change(previous, current, Optional.empty());
    }

    private static WatchChange change(List<?> previous, List<?> current, Optional<Instant> savedAt) {
        Set<?> before = new HashSet<>(previous);
        Set<?> now = new HashSet<>(current);
        List<?> added = current.stream().filter(entry -> !before.contains(entry)).toList();
        List<?> removed = previous.stream().filter(entry -> !now.contains(entry)).toList();
        return new WatchChange(bounded(current), bounded(added), bounded(removed), savedAt);
    }

    private static String bounded(List<?> entries) {
        return WatchJson.encode(entries, ENVIRONMENT_LIMIT).orElse("null");
    }

    private void publishSnapshot(Optional<Instant> lastChange, int changed, Optional<Instant> savedAt) {
        var s = snapshot;
        // A result from saved data comes after a failure, which it does not clear: Consul still does not answer.
        snapshot = new WatchSnapshot(s.name(), s.source(), s.kind(), s.target(), true, last.size(), lastChange,
                savedAt.isPresent() ? s.lastError() : Optional.empty(), s.changes() + changed, s.queries(),
                s.queryTime(), savedAt);
    }

    private String emptyReason() {
        return config.key().map(key -> "no key " + key).orElse("no healthy instance of " + config.name());
    }

    private WatchSnapshot.Kind kind() {
        return config.key().isPresent() ? WatchSnapshot.Kind.KEY : WatchSnapshot.Kind.SERVICE;
    }

    private String target() {
        return config.key().orElse(config.name());
    }
}
