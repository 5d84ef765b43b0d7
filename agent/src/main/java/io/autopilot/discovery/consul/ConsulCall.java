package io.autopilot.discovery.consul;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClientRequest;

/**
 * A request on its way to Consul. {@link #cancel()} aborts it at once: an HTTP/1.1 request cannot be taken back, so
 * its connection is reset and closed, and a blocking query no longer holds one for up to {@code wait}. The request is
 * attached on the HTTP client's thread and may be cancelled from another: each side writes its field before reading
 * the other's, so at least one of them resets the request.
 */
final class ConsulCall<T> {
    private final Promise<T> promise = Promise.promise();
    private volatile HttpClientRequest request;
    private volatile boolean cancelled;

    /** Completes with the answer, or fails; after {@link #cancel()} it never completes. */
    Future<T> result() {
        return promise.future();
    }

    void cancel() {
        cancelled = true;
        reset(request);
    }

    /** Whether the request has a connection, and so has been or is being written to Consul. */
    boolean onConnection() {
        return request != null;
    }

    boolean cancelled() {
        return cancelled;
    }

    /** Remembers the request so that it can be cancelled; resets it and answers false when already cancelled. */
    boolean attach(HttpClientRequest sent) {
        request = sent;
        if (cancelled) {
            sent.reset();
            return false;
        }
        return true;
    }

    /** Whether nothing more is wanted from the exchange. */
    boolean done() {
        return cancelled || promise.future().isComplete();
    }

    void complete(T value) {
        if (!cancelled) {
            promise.tryComplete(value);
        }
    }

    void fail(Throwable failure) {
        if (!cancelled) {
            promise.tryFail(failure);
        }
    }

    /** Ends the exchange because its answer cannot be used: the rest of the body is not read. */
    void abort(Throwable failure) {
        fail(failure);
        reset(request);
    }

    private static void reset(HttpClientRequest sent) {
        if (sent != null) {
            sent.reset();
        }
    }
}
