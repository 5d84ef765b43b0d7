package io.autopilot.leader;

import io.autopilot.discovery.Discovery;
import io.autopilot.discovery.LockConfig;
import io.autopilot.discovery.SessionLock;
import io.autopilot.events.Event;
import io.autopilot.events.EventBus;
import io.autopilot.logging.Log;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Optional;

/**
 * The agent's place in a leader election: an actor confined to its own context that contends for the {@code leader}
 * key's lock from {@code startup} on, publishes {@code elected} when it takes it and {@code deposed} when it loses it
 * (then contends again, with a new session), and gives it up when the agent stops — after every job has ended, so
 * that the jobs it elected have stopped before another agent's start.
 *
 * <p>{@link #start()} is called outside Vert.x; the other public methods from any thread.
 */
public final class Leader {
    /** The source of {@code elected} and {@code deposed}, as jobs name it in {@code when.source}. */
    public static final String SOURCE = "leader";

    private final LockConfig config;
    private final Discovery discovery;
    private final EventBus bus;
    private final Vertx vertx;
    private final Log log;
    private final Clock clock;
    private final String holder;
    private volatile Context context;
    private volatile LeaderSnapshot snapshot;
    private EventBus.Subscription events;
    private volatile SessionLock lock;
    private boolean contending;
    private boolean stopped;

    /** @param holder what the key says while this agent holds it: its host name */
    public Leader(LockConfig config, Discovery discovery, EventBus bus, Vertx vertx, Log log, Clock clock,
            String holder) {
        this.config = config;
        this.discovery = discovery;
        this.bus = bus;
        this.vertx = vertx;
        this.log = log.with("leader", config.key());
        this.clock = clock;
        this.holder = holder;
        this.snapshot = new LeaderSnapshot(config.key(), false, Optional.empty(), Optional.empty(), 0, 0, 0);
    }

    public LeaderSnapshot snapshot() {
        LeaderSnapshot s = snapshot;
        SessionLock current = lock;
        return current == null ? s : new LeaderSnapshot(s.key(), s.elected(), s.since(), s.lastDeposed(),
                s.elections(), current.renewals(), current.renewalFailures());
    }

    /** Subscribes on a context of its own; contending begins on {@code startup}, so no job misses {@code elected}. */
    public Future<Void> start() {
        Context own = vertx.getOrCreateContext();
        context = own;
        Promise<Void> subscribed = Promise.promise();
        own.runOnContext(v -> {
            lock = discovery.lock(config.lock(holder), this::onLost);
            events = bus.subscribe(task -> own.runOnContext(ignored -> task.run()), this::onEvent);
            subscribed.complete();
        });
        return subscribed.future();
    }

    /** A reload made this leader after {@code startup}: it contends now. */
    public void startupPassed() {
        context.runOnContext(v -> onEvent(new Event.Startup()));
    }

    /** Publishes {@code deposed} if elected, then releases the lock (free at once) and ends the session. */
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
            if (lock.held()) {
                deposed("the agent gives the lock up");
            }
            lock.release().onComplete(released -> done.complete());
        });
        return done.future();
    }

    private void onEvent(Event event) {
        if (event instanceof Event.Startup && !contending && !stopped) {
            contending = true;
            contend();
        }
    }

    private void contend() {
        log.info("leader: contending for " + config.key());
        lock.acquire().onSuccess(held -> {
            if (stopped) {
                return;
            }
            publishSnapshot(true, snapshot.lastDeposed(), snapshot.elections() + 1);
            log.info("leader: elected (holding " + config.key() + ")");
            bus.publish(new Event.Elected(SOURCE));
        });
    }

    private void onLost(String reason) {
        if (stopped) {
            return;
        }
        deposed(reason);
        contend();
    }

    private void deposed(String reason) {
        publishSnapshot(false, Optional.of(reason), snapshot.elections());
        log.warn("leader: deposed: " + reason);
        bus.publish(new Event.Deposed(SOURCE, reason));
    }

    private void publishSnapshot(boolean elected, Optional<String> lastDeposed, long elections) {
        snapshot = new LeaderSnapshot(config.key(), elected, Optional.of(clock.instant()), lastDeposed, elections, 0,
                0);
    }
}
