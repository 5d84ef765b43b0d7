package io.autopilot.control;

import io.autopilot.logging.Log;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.BiConsumer;

/**
 * Takes each request of the control server from its first byte to its answer: reads the body within
 * {@link #MAX_BODY_BYTES}, decodes the target, runs the route, sends what it replied, and counts the answer. Every
 * step of every request runs through {@link #guarded}: whatever a step or a route throws, or a route's future fails
 * with, becomes an answer ({@code 500}) and a log line, so no request is left waiting for the idle timeout.
 */
final class ControlHandler {
    /** Bodies are small JSON objects; anything larger is a mistake or an attack, refused with 413. */
    static final int MAX_BODY_BYTES = 1 << 20;

    private final ControlRoutes routes;
    private final Log log;
    private final BiConsumer<String, Integer> answered;

    ControlHandler(ControlRoutes routes, Log log, BiConsumer<String, Integer> answered) {
        this.routes = routes;
        this.log = log;
        this.answered = answered;
    }

    /** A request whose line and headers the decoder read: its body is collected, then its route runs. */
    void onRequest(HttpServerRequest request) {
        guarded(request, () -> receive(request));
    }

    /** A request the decoder could not read (its line or a header is malformed or too long), or not HTTP/1.x. */
    void onInvalid(HttpServerRequest request) {
        guarded(request, () -> {
            Throwable cause = request.decoderResult().cause();
            send(request, switch (cause) {
                case SingleExchange.UnsupportedVersion e -> Reply.text(505, e.getMessage());
                case TooLongHttpLineException e -> Reply.text(414, "the request line is longer than "
                        + ControlServer.MAX_REQUEST_LINE_BYTES + " bytes");
                case TooLongHttpHeaderException e -> Reply.text(431, "the headers are larger than "
                        + ControlServer.MAX_HEADER_BYTES + " bytes");
                case null, default -> Reply.text(400, "the request is not valid HTTP/1.1: " + cause);
            });
        });
    }

    private void receive(HttpServerRequest request) {
        String length = request.getHeader("Content-Length"); // the decoder refused one that is not a long
        if (length != null && Long.parseLong(length.strip()) > MAX_BODY_BYTES) {
            send(request, tooLarge());
            return;
        }
        Buffer body = Buffer.buffer();
        request.handler(chunk -> guarded(request, () -> {
            if (body.length() + chunk.length() > MAX_BODY_BYTES) {
                request.handler(null);
                send(request, tooLarge()); // the rest is not read: the connection closes once the answer is out
            } else {
                body.appendBuffer(chunk);
            }
        }));
        // The decoder found the body malformed (a bad chunk), or the client went away.
        request.exceptionHandler(e -> guarded(request, () -> {
            if (e instanceof HttpClosedException) {
                log.debug("control: " + request.method() + " " + request.path() + ": the client went away");
            } else {
                send(request, Reply.text(400, "the request's body is not valid HTTP/1.1: " + e));
            }
        }));
        request.endHandler(v -> guarded(request, () -> dispatch(request, body)));
    }

    private void dispatch(HttpServerRequest request, Buffer body) throws Target.BadTarget {
        if (request.response().ended()) {
            return; // refused as too large
        }
        Target target = Target.of(request.path(), request.query());
        Future<Reply> reply = routes.handle(request.method().name(), target, body);
        reply.onComplete(done -> guarded(request, () -> {
            if (done.failed()) {
                throw done.cause();
            }
            send(request, done.result());
        }));
    }

    /**
     * The one place a step of a request runs. A bad target is the client's mistake ({@code 400}); anything else
     * thrown is ours ({@code 500}, logged). The JVM's own failures (out of memory, a stack overflow) are not
     * recovered from here: the connection is dropped, so the client at least does not wait, and the error goes on.
     */
    private void guarded(HttpServerRequest request, Step step) {
        try {
            step.run();
        } catch (Target.BadTarget e) {
            send(request, Reply.text(400, e.getMessage()));
        } catch (VirtualMachineError e) {
            request.connection().close();
            throw e;
        } catch (Throwable e) {
            log.warn("control: " + request.method() + " " + request.path() + " failed: " + e);
            send(request, Reply.text(500, "the request failed: " + e));
        }
    }

    /** What a request does at one step; may throw anything, which {@link #guarded} turns into an answer. */
    @FunctionalInterface
    private interface Step {
        void run() throws Throwable;
    }

    private static Reply tooLarge() {
        return Reply.text(413, "the body is larger than " + MAX_BODY_BYTES + " bytes");
    }

    /** Sends {@code reply} unless an answer already went out or the client is gone; the connection then closes. */
    private void send(HttpServerRequest request, Reply reply) {
        if (request.response().ended() || request.response().closed()) {
            return;
        }
        answered.accept(ControlRoutes.route(request.path()), reply.status());
        request.response().setStatusCode(reply.status()).putHeader("Content-Type", reply.contentType())
                .end(reply.body());
    }
}
