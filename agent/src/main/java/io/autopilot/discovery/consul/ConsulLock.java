package io.autopilot.discovery.consul;

import io.autopilot.discovery.LockSpec;
import io.autopilot.discovery.SessionLock;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@link SessionLock} on Consul's lock recipe: a session (TTL, lock delay, released on invalidation), {@code PUT
 * ?acquire=} on the key, and, while another holds it, a blocking query on the key until it changes. Held, it renews
 * the session every half TTL and follows the key with a blocking query, so that a session Consul invalidated (or a
 * key taken from it) is seen at once, not at the next renewal. Confined to the context it is used from.
 */
final class ConsulLock implements SessionLock {
    private static final Duration LOCK_DELAY_POLL = Duration.ofMillis(250);

    private enum State { IDLE, CONTENDING, HELD, RELEASED }

    private final ConsulConnections shared;
    private final SessionCalls calls;
    private final LockSpec spec;
    private final Consumer<String> lost;
    private final SessionRenewal renewal;
    private State state = State.IDLE;
    private String session;
    private Promise<Void> acquiring;
    private ConsulCall<?> query;
    private long pause = -1;
    private int failures;

    ConsulLock(ConsulConnections shared, LockSpec spec, Consumer<String> lost) {
        this.shared = shared;
        this.calls = new SessionCalls(shared);
        this.spec = spec;
        this.lost = lost;
        this.renewal = new SessionRenewal(shared.vertx(), calls, spec.ttl(), this::sessionLost);
    }

    @Override
    public Future<Void> acquire() {
        if (state == State.HELD) {
            return Future.succeededFuture();
        }
        if (state != State.CONTENDING) {
            state = State.CONTENDING;
            acquiring = Promise.promise();
            contend();
        }
        return acquiring.future();
    }

    @Override
    public boolean held() {
        return state == State.HELD;
    }

    @Override
    public long renewals() {
        return renewal.renewals();
    }

    @Override
    public long renewalFailures() {
        return renewal.failures();
    }

    private void contend() {
        if (state != State.CONTENDING) {
            return;
        }
        if (session != null) {
            tryAcquire();
            return;
        }
        long sent = System.nanoTime();
        calls.create(spec).onComplete(created -> {
            if (created.failed()) {
                retryLater("could not create a session", created.cause());
            } else if (state != State.CONTENDING) {
                calls.destroy(created.result());
            } else {
                session = created.result();
                renewal.begin(session, sent);
                tryAcquire();
            }
        });
    }

    private void tryAcquire() {
        String id = session;
        calls.acquire(spec.key(), id, spec.holder()).onComplete(acquired -> {
            if (state != State.CONTENDING || !id.equals(session)) {
                return;
            }
            if (acquired.failed()) {
                // An invalid session is refused with an error, not with false: start over with a new one.
                forgetSession();
                retryLater("could not ask for the lock", acquired.cause());
            } else if (acquired.result()) {
                failures = 0;
                state = State.HELD;
                acquiring.complete();
                follow(0);
            } else {
                waitForChange(0);
            }
        });
    }

    /**
     * While another holds the key, waits for it to change; a key that nobody holds but that was refused is in the lock
     * delay of a lost session, which no change ends: asked again shortly.
     */
    private void waitForChange(long index) {
        var call = calls.holder(spec.key(), index);
        query = call;
        call.result().onComplete(answer -> {
            query = null;
            if (state != State.CONTENDING) {
                return;
            }
            if (answer.failed()) {
                retryLater("could not read the lock's key", answer.cause());
                return;
            }
            failures = 0;
            long next = answer.result().index().orElse(0);
            if (answer.result().body().isEmpty()) {
                pause(LOCK_DELAY_POLL, this::tryAcquire);
            } else if (index == 0 && next > 0) {
                waitForChange(next);
            } else {
                tryAcquire();
            }
        });
    }

    /** Held: follows the key, so a session invalidated or a key taken away counts as a loss at once. */
    private void follow(long index) {
        String id = session;
        var call = calls.holder(spec.key(), index);
        query = call;
        call.result().onComplete(answer -> {
            query = null;
            if (state != State.HELD || !id.equals(session)) {
                return;
            }
            if (answer.failed()) {
                pause(shared.settings().retry().max(), () -> follow(0));
            } else if (!answer.result().body().equals(Optional.of(id))) {
                sessionLost("the key " + spec.key() + " is no longer held by this agent's session");
            } else {
                follow(answer.result().index().orElse(0));
            }
        });
    }

    private void sessionLost(String reason) {
        forgetSession();
        if (state == State.HELD) {
            state = State.IDLE;
            lost.accept(reason);
        } else if (state == State.CONTENDING) {
            contend();
        }
    }

    /** Stops renewing and following; the session is destroyed, in case Consul still has it. */
    private void forgetSession() {
        String id = session;
        session = null;
        renewal.end();
        cancelQuery();
        if (id != null) {
            calls.destroy(id);
        }
    }

    private void retryLater(String what, Throwable cause) {
        failures++;
        Duration delay = shared.settings().retry().delay(failures, shared.random());
        shared.log().debug("consul: lock " + spec.key() + ": " + what + " (" + cause.getMessage() + "); again in "
                + delay.toMillis() + "ms");
        pause(delay, this::contend);
    }

    private void pause(Duration delay, Runnable then) {
        pause = shared.vertx().setTimer(Math.max(1, delay.toMillis()), id -> {
            pause = -1;
            then.run();
        });
    }

    private void cancelQuery() {
        if (query != null) {
            query.cancel();
            query = null;
        }
        if (pause >= 0) {
            shared.vertx().cancelTimer(pause);
            pause = -1;
        }
    }

    @Override
    public Future<Void> release() {
        State was = state;
        state = State.RELEASED;
        if (acquiring != null) {
            acquiring.tryFail("the lock on " + spec.key() + " was given up before it was taken");
        }
        String id = session;
        session = null;
        renewal.end();
        cancelQuery();
        if (id == null) {
            return Future.succeededFuture();
        }
        // Released first: the key is free at once, where a destroyed session would keep it for the lock delay.
        Future<?> released = was == State.HELD ? calls.release(spec.key(), id) : Future.succeededFuture();
        return released.transform(ignored -> calls.destroy(id)).otherwiseEmpty().mapEmpty();
    }
}
