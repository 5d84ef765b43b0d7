package io.autopilot.control;

import io.autopilot.events.EventBus;
import io.autopilot.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The control plane's server: HTTP/1.1 on a Unix socket (Vert.x over plain JDK channels, no native transport), the
 * socket created as {@link SocketFile} describes and removed on {@link #stop()}. Each connection carries one request,
 * which must arrive within a deadline ({@link SingleExchange}), and only so many are open at once
 * ({@link ConnectionCap}); {@link ControlHandler} answers each, whatever happens. Requests run on one event loop
 * and never block it: whatever takes time (a job's stop, a reload) completes a future.
 */
public final class ControlServer {
    private static final int IDLE_TIMEOUT_SECONDS = 30;
    static final int MAX_REQUEST_LINE_BYTES = 4096;
    static final int MAX_HEADER_BYTES = 8192;

    private final Vertx vertx;
    private final Log log;
    private final SocketFile file;
    private final ControlHandler handler;
    private final ConnectionCap cap;
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
        this.file = new SocketFile(Path.of(config.socket()), config.permissions());
        this.cap = new ConnectionCap(log);
        this.handler = new ControlHandler(new ControlRoutes(bus, agent, sources, version, uptime, log), log,
                answered);
    }

    public Path socket() {
        return file.path();
    }

    /** Listens; fails, with a message for the user, if the socket is another agent's or cannot be created. */
    public Future<Void> start() {
        return vertx.executeBlocking(file::prepare)
                .compose(bound -> {
                    HttpServer http = vertx.createHttpServer(new HttpServerOptions()
                            // HTTP/1.1 only: a client command is its only client, and HTTP/2 (a prior-knowledge
                            // preface, or an upgrade) would be a second protocol to get right for no one.
                            .setHttp2ClearTextEnabled(false)
                            .setIdleTimeout(IDLE_TIMEOUT_SECONDS)
                            .setMaxInitialLineLength(MAX_REQUEST_LINE_BYTES)
                            .setMaxHeaderSize(MAX_HEADER_BYTES))
                            .connectionHandler(connection -> {
                                cap.admit(connection);
                                SingleExchange.install(connection);
                            })
                            .invalidRequestHandler(handler::onInvalid)
                            .requestHandler(handler::onRequest);
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
}
