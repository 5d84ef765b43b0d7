package io.autopilot.discovery.consul;

import io.autopilot.discovery.LockSpec;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@link io.autopilot.discovery.SessionLock} on Consul's lock recipe: a session (TTL, lock delay, released on
 * invalidation), {@code PUT ?acquire=} on the key, and, while another holds it, a blocking query on the key until it
 * changes. Held, it renews the session every half TTL and follows the key with a blocking query, so that a session
 * Consul invalidated (or a key taken from it) is seen at once, not at the next renewal. Confined to the context it is
 * used from.
 */
final class ConsulLock extends SessionContender {
    private static final Duration LOCK_DELAY_POLL = Duration.ofMillis(250);

    private final LockSpec spec;

    ConsulLock(ConsulConnections shared, LockSpec spec, Consumer<String> lost) {
        super(shared, spec.ttl(), lost);
        this.spec = spec;
    }

    @Override
    String describe() {
        return "lock " + spec.key();
    }

    @Override
    void contend() {
        if (state != State.CONTENDING) {
            return;
        }
        if (session != null) {
            tryAcquire();
            return;
        }
        createSession(calls.create(spec), System.nanoTime(), this::tryAcquire);
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
                won();
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
        track(calls.holder(spec.key(), index)).result().onComplete(answer -> {
            untrack();
            if (state != State.CONTENDING) {
                return;
            }
            if (answer.failed()) {
                retryLater("could not read the lock's key", answer.cause());
                return;
            }
            answered();
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
        track(calls.holder(spec.key(), index)).result().onComplete(answer -> {
            untrack();
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

    /** Released first: the key is free at once, where a destroyed session would keep it for the lock delay. */
    @Override
    Future<?> giveUpHeld(String id) {
        return calls.release(spec.key(), id);
    }
}
