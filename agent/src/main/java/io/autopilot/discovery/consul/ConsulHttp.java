package io.autopilot.discovery.consul;

import io.autopilot.discovery.DiscoveryException;
import io.autopilot.discovery.DiscoveryException.Kind;
import io.autopilot.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * The agent's HTTP client to one Consul agent, shared by everything that talks to it. It adds the token, bounds every
 * request with a timeout (ContainerPilot had none, so a hung agent stalled the job that called it), decodes answers
 * as they arrive ({@link AnswerDecoder}), turns error statuses into {@link ConsulRejection} and failures into
 * {@link Kind#UNREACHABLE}, tells {@link ReachabilityTracker} about each, and keeps the token out of every message.
 *
 * <p>Two connection pools, each opened only as needed: one for blocking queries, which each hold a connection for up
 * to {@code wait}, and a small one for the agent's own services, so that however many watches block, a TTL update
 * finds a connection. Why not Vert.x's {@code ConsulClient}: see docs/design.md.
 */
final class ConsulHttp {
    /** The most of an error answer's body kept for its message. */
    static final int ERROR_TEXT_LIMIT = 4096;

    private final HttpClientAgent blocking;
    private final HttpClientAgent agent;
    private final ConsulEndpoint endpoint;
    private final ReachabilityTracker reachability;
    private final Duration timeout;
    private volatile boolean closed;

    ConsulHttp(Vertx vertx, ConsulEndpoint endpoint, ReachabilityTracker reachability, ConsulSettings settings,
            Log log) {
        this.blocking = client(vertx, endpoint, settings.blockingConnections(), log);
        this.agent = client(vertx, endpoint, settings.agentConnections(), log);
        this.endpoint = endpoint;
        this.reachability = reachability;
        this.timeout = settings.requestTimeout();
    }

    /**
     * A pooled connection that fails while idle (Consul killed or restarted, a proxy dropping it) had nothing in
     * flight: nothing is lost, and the next request opens another. Without a handler of its own the library logs each
     * such failure as an error saying only "Connection reset": one context-free error line per pooled connection at
     * every Consul restart. Here it is a debug line naming Consul; a request in flight on the connection still fails
     * as its own, and that is what reports Consul unreachable.
     */
    private static HttpClientAgent client(Vertx vertx, ConsulEndpoint endpoint, int connections, Log log) {
        return vertx.httpClientBuilder().with(ConsulTls.clientOptions(endpoint))
                .with(new PoolOptions().setHttp1MaxSize(connections))
                .withConnectHandler(connection -> connection.exceptionHandler(failure -> log.debug("consul: a"
                        + " connection to " + endpoint.url() + " failed while idle: " + describe(failure))))
                .build();
    }

    ReachabilityTracker reachability() {
        return reachability;
    }

    Future<Void> put(String path, String json) {
        return put(path, json, Set.of(200));
    }

    /** A change to the agent's own services, through the agent pool; {@code accepted} statuses succeed. */
    Future<Void> put(String path, String json, Set<Integer> accepted) {
        return putCall(path, json, accepted).result().mapEmpty();
    }

    /** {@link #put(String, String, Set)} as a call that can be cancelled. */
    ConsulCall<ConsulResponse<Void>> putCall(String path, String json, Set<Integer> accepted) {
        return send(agent, HttpMethod.PUT, path, Map.of(), Buffer.buffer(json), timeout, accepted,
                status -> AnswerDecoder.ignoringBody(null));
    }

    /**
     * A PUT of the agent's own coordination (sessions, lock keys) through the agent pool, whose answer matters:
     * {@code accepted} statuses are decoded by what {@code decoders} gives for the status, others are rejections.
     */
    <T> Future<ConsulResponse<T>> put(String path, Map<String, String> query, String body, Set<Integer> accepted,
            IntFunction<AnswerDecoder<T>> decoders) {
        return send(agent, HttpMethod.PUT, path, query, Buffer.buffer(body), timeout, accepted, decoders).result();
    }

    /**
     * A GET through the blocking pool, bounded by {@code requestTimeout} of silence; {@code accepted} statuses are
     * answers, decoded by what {@code decoders} gives for the status, and others rejections.
     */
    <T> ConsulCall<ConsulResponse<T>> get(String path, Map<String, String> query, Duration requestTimeout,
            Set<Integer> accepted, IntFunction<AnswerDecoder<T>> decoders) {
        return send(blocking, HttpMethod.GET, path, query, null, requestTimeout, accepted, decoders);
    }

    /**
     * Never throws: a call made after {@link #close()} (a retry's timer, a deregistration queued behind the close)
     * fails its future like any other unreachable call, instead of throwing "Client is closed" into whatever timer or
     * handler made it.
     */
    private <T> ConsulCall<ConsulResponse<T>> send(HttpClientAgent client, HttpMethod method, String path,
            Map<String, String> query, Buffer body, Duration requestTimeout, Set<Integer> accepted,
            IntFunction<AnswerDecoder<T>> decoders) {
        String request = method + " " + path;
        ConsulCall<ConsulResponse<T>> call = new ConsulCall<>();
        Future<HttpClientRequest> opening;
        try {
            opening = closed ? Future.failedFuture("the client is closed")
                    : client.request(options(method, path, query, requestTimeout));
        } catch (IllegalStateException e) { // closed by another thread since the check
            opening = Future.failedFuture(e);
        }
        opening.onComplete(opened -> {
            if (opened.failed()) {
                failUnreachable(call, request, opened.cause());
                return;
            }
            HttpClientRequest http = opened.result();
            if (!call.attach(http)) {
                return;
            }
            (body == null ? http.send() : http.send(body)).onComplete(sent -> {
                if (sent.failed()) {
                    failUnreachable(call, request, sent.cause());
                } else {
                    read(request, sent.result(), accepted, decoders, call);
                }
            });
        });
        return call;
    }

    private <T> void read(String request, HttpClientResponse response, Set<Integer> accepted,
            IntFunction<AnswerDecoder<T>> decoders, ConsulCall<ConsulResponse<T>> call) {
        reachability.answered();
        int status = response.statusCode();
        OptionalLong index = index(response.getHeader("X-Consul-Index"));
        response.exceptionHandler(failure -> failUnreachable(call, request, failure));
        if (!accepted.contains(status)) {
            StringBuilder text = new StringBuilder();
            response.handler(piece -> {
                if (text.length() < ERROR_TEXT_LIMIT) {
                    String more = piece.toString(StandardCharsets.UTF_8);
                    text.append(more, 0, Math.min(more.length(), ERROR_TEXT_LIMIT - text.length()));
                }
            });
            response.endHandler(end -> call.fail(new ConsulRejection(request, status, redact(text.toString()))));
            return;
        }
        AnswerDecoder<T> decoder = decoders.apply(status);
        response.handler(piece -> {
            if (call.done()) {
                return;
            }
            try {
                decoder.feed(piece);
            } catch (Throwable failure) { // whatever decoding throws ends this answer, never the connection's loop
                call.abort(unusable(request, failure, index));
            }
        });
        response.endHandler(end -> {
            if (call.done()) {
                return;
            }
            try {
                call.complete(new ConsulResponse<>(status, decoder.finish(), index));
            } catch (Throwable failure) {
                call.fail(unusable(request, failure, index));
            }
        });
    }

    private RequestOptions options(HttpMethod method, String path, Map<String, String> query,
            Duration requestTimeout) {
        String uri = query.isEmpty() ? path : path + "?" + query.entrySet().stream()
                .map(p -> queryPart(p.getKey()) + "=" + queryPart(p.getValue())).collect(Collectors.joining("&"));
        RequestOptions options = new RequestOptions().setMethod(method).setHost(endpoint.host())
                .setPort(endpoint.port()).setURI(uri).setIdleTimeout(requestTimeout.toMillis())
                .putHeader("User-Agent", "autopilot");
        endpoint.token().ifPresent(token -> options.putHeader("X-Consul-Token", token));
        if (endpoint.https()) {
            // The name to send as SNI and to check the certificate against, while connecting to the address.
            endpoint.tls().serverName().ifPresent(name -> options
                    .setServer(SocketAddress.inetSocketAddress(endpoint.port(), endpoint.host())).setHost(name));
        }
        return options;
    }

    /** A request cut short on purpose (cancelled, aborted, closed) says nothing about Consul. */
    private void failUnreachable(ConsulCall<?> call, String request, Throwable cause) {
        if (call.done()) {
            return;
        }
        String why = redact(describe(cause));
        if (!closed) {
            reachability.unreachable(why);
        }
        call.fail(new DiscoveryException(Kind.UNREACHABLE, "Consul at " + endpoint.url() + " is unreachable ("
                + request + "): " + why, null));
    }

    /** An answer that cannot be used is the answer's fault; anything else thrown while decoding is the agent's. */
    private static Throwable unusable(String request, Throwable failure, OptionalLong index) {
        return failure instanceof UnusableAnswer answer ? answer.about(request, index.orElse(0)) : failure;
    }

    Future<Void> close() {
        closed = true;
        return Future.all(blocking.close(), agent.close()).mapEmpty();
    }

    /** Consul never echoes a token, but a proxy in front of it might: a message must not carry it on. */
    private String redact(String text) {
        return endpoint.token().filter(token -> !token.isEmpty()).map(token -> text.replace(token, "(token)"))
                .orElse(text);
    }

    /**
     * The failure with its causes: Netty reports a rejected certificate as "Failed to create SSL connection" and
     * keeps the reason (PKIX path building failed, no subject alternative name matches) in the causes.
     */
    static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(String.valueOf(failure));
        int depth = 0;
        for (Throwable cause = failure.getCause(); cause != null && cause != failure && depth < 5;
                cause = cause.getCause(), depth++) {
            String message = cause.getMessage();
            if (message != null && !text.toString().contains(message)) {
                text.append(": ").append(message);
            }
        }
        return text.toString();
    }

    private static OptionalLong index(String header) {
        if (header == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(header.strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static String queryPart(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** One path segment, percent-encoded ({@code URLEncoder} writes a space as {@code +}, which paths do not). */
    static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A KV key as a path: each segment encoded, the slashes between them kept. */
    static String keyPath(String key) {
        return Arrays.stream(key.split("/", -1)).map(ConsulHttp::segment).collect(Collectors.joining("/"));
    }
}
