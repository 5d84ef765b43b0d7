package io.autopilot.discovery.consul;

import io.autopilot.decode.GoDuration;
import io.autopilot.discovery.SemaphoreSpec;
import io.autopilot.discovery.SessionLock;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * {@link SessionLock} on Consul's semaphore recipe. A contender creates a session (deleting what it holds when it
 * ends), takes its contender key {@code <prefix>/<session>} with it, then reads the prefix: the {@code .lock} key lists
 * the holders; those whose contender key no session holds any more are dead and pruned; with fewer than the limit
 * left it adds itself with a check-and-set on the key's index (lost to a concurrent writer: read again), and while the
 * slots are full it waits with a blocking query on the prefix, which any holder's release or death changes. Held, it
 * only renews its session. Confined to the context it is used from.
 */
final class ConsulSemaphore implements SessionLock {
    /** How many check-and-set attempts a release makes to remove itself; a holder it misses is pruned anyway. */
    private static final int RELEASE_ATTEMPTS = 5;

    private enum State { IDLE, CONTENDING, HELD, RELEASED }

    private final ConsulConnections shared;
    private final SessionCalls calls;
    private final SemaphoreSpec spec;
    private final Consumer<String> lost;
    private final SessionRenewal renewal;
    private State state = State.IDLE;
    private String session;
    private Promise<Void> acquiring;
    private ConsulCall<?> query;
    private long pause = -1;
    private int failures;

    ConsulSemaphore(ConsulConnections shared, SemaphoreSpec spec, Consumer<String> lost) {
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
        long sent = System.nanoTime();
        calls.create(spec.session(), "delete").onComplete(created -> {
            if (created.failed()) {
                retryLater("could not create a session", created.cause());
            } else if (state != State.CONTENDING) {
                calls.destroy(created.result());
            } else {
                session = created.result();
                renewal.begin(session, sent);
                calls.acquire(contenderKey(session), session, spec.holder()).onComplete(taken -> {
                    if (state != State.CONTENDING) {
                        return;
                    }
                    if (taken.failed() || !taken.result()) {
                        forgetSession();
                        retryLater("could not take the contender key", taken.failed() ? taken.cause()
                                : new IllegalStateException("refused"));
                    } else {
                        attempt(0);
                    }
                });
            }
        });
    }

    /** Reads the prefix (blocking after {@code index}), prunes dead holders, and takes a slot if one is free. */
    private void attempt(long index) {
        String id = session;
        var call = read(index);
        query = call;
        call.result().onComplete(answer -> {
            query = null;
            if (state != State.CONTENDING || !id.equals(session)) {
                return;
            }
            if (answer.failed()) {
                retryLater("could not read " + spec.prefix(), answer.cause());
                return;
            }
            failures = 0;
            List<SemaphoreEntries.Entry> entries = answer.result().body();
            Optional<SemaphoreEntries.Entry> lockEntry = entries.stream()
                    .filter(e -> e.key().equals(spec.lockKey())).findFirst();
            Set<String> live = entries.stream().filter(e -> !e.key().equals(spec.lockKey()))
                    .map(SemaphoreEntries.Entry::session).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
            SemaphoreHolders holders = SemaphoreHolders.decode(lockEntry.map(SemaphoreEntries.Entry::value)
                    .orElse(""), spec.limit()).alive(live);
            if (holders.holders().contains(id)) {
                taken();
            } else if (holders.holders().size() < spec.limit()) {
                long cas = lockEntry.map(SemaphoreEntries.Entry::modifyIndex).orElse(0L);
                cas(holders.with(id, spec.limit()), cas).onComplete(written -> {
                    if (state != State.CONTENDING || !id.equals(session)) {
                        return;
                    }
                    if (written.failed()) {
                        retryLater("could not write " + spec.lockKey(), written.cause());
                    } else if (written.result()) {
                        taken();
                    } else {
                        attempt(0); // another contender wrote first: read what it wrote
                    }
                });
            } else {
                attempt(answer.result().index().orElse(0));
            }
        });
    }

    private void taken() {
        state = State.HELD;
        acquiring.complete();
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

    /** Stops renewing and reading; the session is destroyed (its contender key with it), in case Consul has it. */
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
        shared.log().debug("consul: semaphore " + spec.prefix() + ": " + what + " (" + cause.getMessage()
                + "); again in " + delay.toMillis() + "ms");
        pause = shared.vertx().setTimer(Math.max(1, delay.toMillis()), timer -> {
            pause = -1;
            if (session == null) {
                contend();
            } else {
                attempt(0);
            }
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
            acquiring.tryFail("the semaphore " + spec.prefix() + " was given up before a slot was taken");
        }
        String id = session;
        session = null;
        renewal.end();
        cancelQuery();
        if (id == null) {
            return Future.succeededFuture();
        }
        // Removed from the holders first, so the slot is free at once; the session's end deletes the contender key.
        Future<?> removed = was == State.HELD ? removeHolder(id, RELEASE_ATTEMPTS) : Future.succeededFuture();
        return removed.transform(ignored -> calls.destroy(id)).otherwiseEmpty().mapEmpty();
    }

    private Future<Void> removeHolder(String id, int attemptsLeft) {
        return read(0).result().compose(answer -> {
            Optional<SemaphoreEntries.Entry> lockEntry = answer.body().stream()
                    .filter(e -> e.key().equals(spec.lockKey())).findFirst();
            if (lockEntry.isEmpty()) {
                return Future.succeededFuture();
            }
            SemaphoreHolders holders = SemaphoreHolders.decode(lockEntry.get().value(), spec.limit());
            if (!holders.holders().contains(id)) {
                return Future.succeededFuture();
            }
            return cas(holders.without(id), lockEntry.get().modifyIndex()).compose(written -> written
                    || attemptsLeft <= 1 ? Future.<Void>succeededFuture() : removeHolder(id, attemptsLeft - 1));
        });
    }

    private String contenderKey(String id) {
        return spec.prefix() + "/" + id;
    }

    private ConsulCall<ConsulResponse<List<SemaphoreEntries.Entry>>> read(long index) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("recurse", "true");
        if (index > 0) {
            query.put("index", Long.toString(index));
            query.put("wait", GoDuration.format(shared.settings().blockingWait()));
        }
        return shared.http().get("/v1/kv/" + ConsulHttp.keyPath(spec.prefix() + "/"), query,
                shared.settings().blockingRequestTimeout(), Set.of(200, 404), SemaphoreEntries::decoder);
    }

    /** Writes the holders if the key is still at {@code index} (0: if it does not exist yet). */
    private Future<Boolean> cas(SemaphoreHolders holders, long index) {
        return shared.http().put("/v1/kv/" + ConsulHttp.keyPath(spec.lockKey()), Map.of("cas", Long.toString(index)),
                holders.encode(), Set.of(200), status -> new TextAnswer())
                .map(answer -> answer.body().trim().equals("true"));
    }
}
