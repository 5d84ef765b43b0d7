package io.autopilot.discovery.consul;

import io.autopilot.discovery.SessionLock;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * What Consul's lock and semaphore recipes share: a contender with a session of its own, renewed every half TTL
 * ({@link SessionRenewal}), that contends until it wins, retries with backoff what fails, starts over with a new
 * session when the old one is lost while contending, tells its owner when it is lost while held, and on release gives
 * up what it holds, then destroys the session. Subclasses say how to contend and what to give up. Confined to the
 * context it is used from.
 */
abstract class SessionContender implements SessionLock {
    enum State { IDLE, CONTENDING, HELD, RELEASED }

    final ConsulConnections shared;
    final SessionCalls calls;
    private final Consumer<String> lost;
    final SessionRenewal renewal;
    State state = State.IDLE;
    String session;
    private Promise<Void> acquiring;
    private ConsulCall<?> query;
    private long pause = -1;
    private int failures;

    SessionContender(ConsulConnections shared, Duration ttl, Consumer<String> lost) {
        this.shared = shared;
        this.calls = new SessionCalls(shared);
        this.lost = lost;
        this.renewal = new SessionRenewal(shared.vertx(), calls, ttl, this::sessionLost);
    }

    /** What is contended for, for messages: {@code lock my/key}. */
    abstract String describe();

    /** One round of contending: with no session, it creates one; {@link #won()} when it holds, else it waits. */
    abstract void contend();

    /** Gives up what the session {@code id} holds, before the session is destroyed. */
    abstract Future<?> giveUpHeld(String id);

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

    /** Creates the session the contender then uses; renewed from its sending on. */
    void createSession(Future<String> creating, long sentNanos, Runnable then) {
        creating.onComplete(created -> {
            if (created.failed()) {
                retryLater("could not create a session", created.cause());
            } else if (state != State.CONTENDING) {
                calls.destroy(created.result());
            } else {
                session = created.result();
                renewal.begin(session, sentNanos);
                then.run();
            }
        });
    }

    void won() {
        failures = 0;
        state = State.HELD;
        acquiring.complete();
    }

    /** A query answered: the failures so far no longer count towards the backoff. */
    void answered() {
        failures = 0;
    }

    /** Follows {@code call} so that a release or a loss cancels it. */
    <T extends ConsulCall<?>> T track(T call) {
        query = call;
        return call;
    }

    void untrack() {
        query = null;
    }

    void sessionLost(String reason) {
        forgetSession();
        if (state == State.HELD) {
            state = State.IDLE;
            lost.accept(reason);
        } else if (state == State.CONTENDING) {
            contend();
        }
    }

    /** Stops renewing and following; the session is destroyed, in case Consul still has it. */
    void forgetSession() {
        String id = session;
        session = null;
        renewal.end();
        cancelQuery();
        if (id != null) {
            calls.destroy(id);
        }
    }

    void retryLater(String what, Throwable cause) {
        failures++;
        Duration delay = shared.settings().retry().delay(failures, shared.random());
        shared.log().debug("consul: " + describe() + ": " + what + " (" + cause.getMessage() + "); again in "
                + delay.toMillis() + "ms");
        pause(delay, this::contend);
    }

    void pause(Duration delay, Runnable then) {
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
            acquiring.tryFail("the " + describe() + " was given up before it was taken");
        }
        String id = session;
        session = null;
        renewal.end();
        cancelQuery();
        if (id == null) {
            return Future.succeededFuture();
        }
        Future<?> givenUp = was == State.HELD ? giveUpHeld(id) : Future.succeededFuture();
        return givenUp.transform(ignored -> calls.destroy(id)).otherwiseEmpty().mapEmpty();
    }
}
