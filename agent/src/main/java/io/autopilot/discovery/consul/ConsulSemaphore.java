package io.autopilot.discovery.consul;

import io.autopilot.decode.GoDuration;
import io.autopilot.discovery.SemaphoreSpec;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * {@link io.autopilot.discovery.SessionLock} on Consul's semaphore recipe. A contender creates a session (deleting what it holds when it
 * ends), takes its contender key {@code <prefix>/<session>} with it, then reads the prefix: the {@code .lock} key lists
 * the holders; those whose contender key no session holds any more are dead and pruned; with fewer than the limit
 * left it adds itself with a check-and-set on the key's index (lost to a concurrent writer: read again), and while the
 * slots are full it waits with a blocking query on the prefix, which any holder's release or death changes. Held, it
 * only renews its session. Confined to the context it is used from.
 */
final class ConsulSemaphore extends SessionContender {
    /** How many check-and-set attempts a release makes to remove itself; a holder it misses is pruned anyway. */
    private static final int RELEASE_ATTEMPTS = 5;

    private final SemaphoreSpec spec;

    ConsulSemaphore(ConsulConnections shared, SemaphoreSpec spec, Consumer<String> lost) {
        super(shared, spec.ttl(), lost);
        this.spec = spec;
    }

    @Override
    String describe() {
        return "semaphore " + spec.prefix();
    }

    @Override
    void contend() {
        if (state != State.CONTENDING) {
            return;
        }
        if (session != null) {
            attempt(0);
            return;
        }
        createSession(calls.create(spec.session(), "delete"), System.nanoTime(), () -> {
            String id = session;
            calls.acquire(contenderKey(id), id, spec.holder()).onComplete(taken -> {
                if (state != State.CONTENDING || !id.equals(session)) {
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
        });
    }

    /** Reads the prefix (blocking after {@code index}), prunes dead holders, and takes a slot if one is free. */
    private void attempt(long index) {
        String id = session;
        track(read(index)).result().onComplete(answer -> {
            untrack();
            if (state != State.CONTENDING || !id.equals(session)) {
                return;
            }
            if (answer.failed()) {
                retryLater("could not read " + spec.prefix(), answer.cause());
                return;
            }
            answered();
            List<SemaphoreEntries.Entry> entries = answer.result().body();
            Optional<SemaphoreEntries.Entry> lockEntry = entries.stream()
                    .filter(e -> e.key().equals(spec.lockKey())).findFirst();
            Set<String> live = entries.stream().filter(e -> !e.key().equals(spec.lockKey()))
                    .map(SemaphoreEntries.Entry::session).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
            SemaphoreHolders holders = SemaphoreHolders.decode(lockEntry.map(SemaphoreEntries.Entry::value)
                    .orElse(""), spec.limit()).alive(live);
            if (holders.holders().contains(id)) {
                won();
            } else if (holders.holders().size() < spec.limit()) {
                long cas = lockEntry.map(SemaphoreEntries.Entry::modifyIndex).orElse(0L);
                cas(holders.with(id, spec.limit()), cas).onComplete(written -> {
                    if (state != State.CONTENDING || !id.equals(session)) {
                        return;
                    }
                    if (written.failed()) {
                        retryLater("could not write " + spec.lockKey(), written.cause());
                    } else if (written.result()) {
                        won();
                    } else {
                        attempt(0); // another contender wrote first: read what it wrote
                    }
                });
            } else {
                attempt(answer.result().index().orElse(0));
            }
        });
    }

    /** Removed from the holders first, so the slot is free at once; the session's end deletes the contender key. */
    @Override
    Future<?> giveUpHeld(String id) {
        return removeHolder(id, RELEASE_ATTEMPTS);
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
