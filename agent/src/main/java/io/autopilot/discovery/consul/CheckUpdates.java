package io.autopilot.discovery.consul;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The check updates on their way to Consul, at most one per service and at most {@code limit} at once: the agent's
 * connections for its own services. A newer update of a service supersedes the one still waiting or on its way (that
 * one is cancelled, freeing its connection, and counts as done: the newer status is what Consul must hear); services
 * waiting for a connection take turns in the order they asked.
 *
 * <p>Why: a Consul that takes requests but holds its answers (an overloaded agent) keeps each update's connection
 * until its request times out. Sent straight to the HTTP client, updates then piled up in its queue without bound,
 * the first few services' stale updates held every connection, and the other services' TTLs ran out while Consul
 * would have taken their updates. Thread-safe: jobs on several contexts update their checks.
 */
final class CheckUpdates {
    /** An update and its outcome: Consul's answer, or done when a newer update supersedes it. */
    private record Update(Supplier<ConsulCall<?>> send, Promise<Void> done) {
    }

    /** An update on its way. */
    private record Sent(ConsulCall<?> call, Update update) {
    }

    private final int limit;
    private final Map<String, Update> waiting = new LinkedHashMap<>();
    private final Map<String, Sent> sent = new HashMap<>();

    CheckUpdates(int limit) {
        this.limit = limit;
    }

    /** Sends the check update of {@code service} that {@code send} makes, once a connection is free for it. */
    Future<Void> send(String service, Supplier<ConsulCall<?>> send) {
        Update update = new Update(send, Promise.promise());
        Update older;
        Sent superseded = null;
        synchronized (this) {
            older = waiting.put(service, update);
            Sent onItsWay = sent.get(service);
            // One still waiting for a connection keeps its turn: cancelled, it would lose it to the services that
            // update more often, and the newer update goes out as soon as it is done.
            if (onItsWay != null && onItsWay.call().onConnection()) {
                superseded = sent.remove(service);
            }
        }
        if (older != null) {
            older.done().tryComplete();
        }
        if (superseded != null) {
            superseded.call().cancel();
            superseded.update().done().tryComplete();
        }
        sendWhatFits();
        return update.done().future();
    }

    private void sendWhatFits() {
        while (true) {
            Sent next;
            String service;
            synchronized (this) {
                if (sent.size() >= limit) {
                    return;
                }
                var first = waiting.entrySet().stream().filter(entry -> !sent.containsKey(entry.getKey()))
                        .findFirst();
                if (first.isEmpty()) {
                    return;
                }
                service = first.get().getKey();
                waiting.remove(service);
                next = new Sent(first.get().getValue().send().get(), first.get().getValue());
                sent.put(service, next);
            }
            next.call().result().onComplete(answer -> finished(service, next, answer.cause()));
        }
    }

    private void finished(String service, Sent done, Throwable failure) {
        synchronized (this) {
            sent.remove(service, done);
        }
        if (failure == null) {
            done.update().done().tryComplete();
        } else {
            done.update().done().tryFail(failure);
        }
        sendWhatFits();
    }
}
