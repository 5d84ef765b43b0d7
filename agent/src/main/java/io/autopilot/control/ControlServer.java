package io.autopilot.control;

import io.autopilot.events.EventBus;
import io.autopilot.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The control plane's server: HTTP/1.1 on a Unix socket (Vert.x over plain JDK channels, no native transport), the
 * socket created as {@link SocketFile} describes and removed on {@link #stop()}. Requests run on one event loop and
 * never block it: whatever takes time (a job's stop, a reload) completes a future.
 */
public final class ControlServer {
    /** Bodies are small JSON objects; anything larger is a mistake or an attack, refused with 413. */
    static final int MAX_BODY_BYTES = 1 << 20;
    private static final int IDLE_TIMEOUT_SECONDS = 30;

    private final Vertx vertx;
    private final Log log;
    private final SocketFile file;
    private final ControlRoutes routes;
    private final BiConsumer<String, Integer> answered;
    private volatile HttpServer server;

    /**
     * @param answered told of every answer: the route's path (one value for every job's routes, and {@code other}
     *     for a path no route serves, so a scanner cannot grow a metric without bound) and the HTTP status
     */
    public ControlServer(Vertx vertx, EventBus bus, Log log, ControlConfig config, ControlledAgent agent,
                         List<StatusSource> sources, String version, Supplier<Duration> uptime,
                         BiConsumer<String, Integer> answered) {
        this.vertx = vertx;
        this.log = log;
        this.answered = answered;
        this.file = new SocketFile(Path.of(config.socket()), config.permissions());
        this.routes = new ControlRoutes(bus, agent, sources, version, uptime, log);
    }

    public Path socket() {
        return file.path();
    }

    /** Listens; fails, with a message for the user, if the socket is another agent's or cannot be created. */
    public Future<Void> start() {
        return vertx.executeBlocking(file::prepare)
                .compose(bound -> {
                    HttpServer http = vertx.createHttpServer(new HttpServerOptions()
                            .setIdleTimeout(IDLE_TIMEOUT_SECONDS)
                            .setMaxInitialLineLength(4096)
                            .setMaxHeaderSize(8192))
                            .requestHandler(this::onRequest);
                    server = http;
                    return http.listen(SocketAddress.domainSocketAddress(bound.toString())).map(bound);
                })
                .compose(bound -> vertx.<Void>executeBlocking(() -> {
                    file.publish(bound);
                    return null;
                }))
                .onSuccess(v -> log.info("control: serving at " + file.path()))
                .recover(e -> {
                    String message = e instanceof ControlException ? e.getMessage() : "cannot serve at "
                            + file.path() + ": " + e;
                    log.error("control: " + message);
                    return stop().transform(ignored -> Future.failedFuture(new ControlException(message)));
                });
    }

    /** Closes the server and removes the socket file (unless another agent has replaced it since). */
    public Future<Void> stop() {
        HttpServer http = server;
        server = null;
        Future<Void> closed = http == null ? Future.succeededFuture() : http.close();
        return closed.eventually(() -> vertx.<Void>executeBlocking(() -> {
            file.remove();
            return null;
        }));
    }

    private void onRequest(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        if (length != null && tooLarge(length.strip())) {
            refuseTooLarge(request);
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] refused = {false};
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if (body.length() + chunk.length() > MAX_BODY_BYTES) {
                refused[0] = true;
                refuseTooLarge(request);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(e -> log.debug("control: request failed: " + e));
        request.endHandler(v -> {
            if (!refused[0]) {
                dispatch(request, body.toString(StandardCharsets.UTF_8));
            }
        });
    }

    private static boolean tooLarge(String length) {
        try {
            return Long.parseLong(length) > MAX_BODY_BYTES;
        } catch (NumberFormatException e) {
            return length.matches("\\d+"); // too many digits for a long; anything else, Vert.x's decoder rejects
        }
    }

    // The rest of the body is not read: the connection closes once the answer is out.
    private void refuseTooLarge(HttpServerRequest request) {
        Reply reply = Reply.text(413, "the body is larger than " + MAX_BODY_BYTES + " bytes");
        answered.accept(ControlRoutes.route(request.path()), reply.status());
        request.response().setStatusCode(reply.status()).putHeader("Content-Type", reply.contentType())
                .putHeader("Connection", "close").end(reply.body())
                .onComplete(done -> request.connection().close());
    }

    private void dispatch(HttpServerRequest request, String body) {
        Future<Reply> reply;
        try {
            reply = routes.handle(request.method().name(), request.path(),
                    Optional.ofNullable(request.getParam("signal")), body);
        } catch (RuntimeException e) {
            reply = Future.failedFuture(e);
        }
        reply.onComplete(done -> {
            if (done.failed()) {
                log.warn("control: " + request.method() + " " + request.path() + " failed: " + done.cause());
            }
            send(request, done.succeeded() ? done.result() : Reply.text(500, "the request failed: "
                    + done.cause().getMessage()));
        });
    }

    private void send(HttpServerRequest request, Reply reply) {
        if (request.response().ended() || request.response().closed()) {
            return;
        }
        answered.accept(ControlRoutes.route(request.path()), reply.status());
        request.response().setStatusCode(reply.status()).putHeader("Content-Type", reply.contentType())
                .end(reply.body());
    }
}
