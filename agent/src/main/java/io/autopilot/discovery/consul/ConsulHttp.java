package io.autopilot.discovery.consul;

import io.autopilot.discovery.DiscoveryException;
import io.autopilot.discovery.DiscoveryException.Kind;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one HTTP client to Consul. It adds the token, bounds every request with a timeout (ContainerPilot had none, so
 * a hung agent stalled the job that called it), turns answers into {@link ConsulResponse} or
 * {@link ConsulRejection} and failures into {@link Kind#UNREACHABLE}, tells {@link ReachabilityTracker} about each, and
 * keeps the token out of every message.
 *
 * <p>Why not Vert.x's {@code ConsulClient} (checked against 5.0.7): it registers services without
 * {@code EnableTagOverride}; it builds its web client without pool options, so its five pooled connections are
 * shared by blocking queries that each hold one for up to {@code wait} and by TTL updates, which then queue behind
 * five watches until their services go critical; and its errors carry the status text but not the status code that
 * tells a lost check from other failures. This client is the same Vert.x web client it wraps, with a pool as wide as
 * Consul allows one client.
 */
final class ConsulHttp {
    /**
     * Connections are opened only as needed; this is a ceiling, kept below Consul's default limit of 200 connections
     * per client address ({@code limits.http_max_conns_per_client}). Each running watch holds one.
     */
    static final int MAX_CONNECTIONS = 128;

    private final WebClient client;
    private final ConsulEndpoint endpoint;
    private final ReachabilityTracker reachability;
    private final Duration timeout;
    private volatile boolean closed;

    ConsulHttp(Vertx vertx, ConsulEndpoint endpoint, ReachabilityTracker reachability, Duration timeout) {
        this.client = WebClient.create(vertx, ConsulTls.clientOptions(endpoint),
                new PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS));
        this.endpoint = endpoint;
        this.reachability = reachability;
        this.timeout = timeout;
    }

    Future<ConsulResponse> put(String path, String json) {
        return put(path, json, Set.of(200));
    }

    Future<ConsulResponse> put(String path, String json, Set<Integer> accepted) {
        return send(HttpMethod.PUT, path, Map.of(), Buffer.buffer(json), timeout, accepted);
    }

    /** A GET bounded by {@code requestTimeout}; {@code accepted} statuses are answers, others rejections. */
    Future<ConsulResponse> get(String path, Map<String, String> query, Duration requestTimeout, Set<Integer> accepted) {
        return send(HttpMethod.GET, path, query, null, requestTimeout, accepted);
    }

    /**
     * Never throws: a call made after {@link #close()} (a retry's timer, a deregistration queued behind the close)
     * fails its future like any other unreachable call. The web client throws "Client is closed" from the caller's
     * stack instead, which would escape into whatever timer or handler made the call.
     */
    private Future<ConsulResponse> send(HttpMethod method, String path, Map<String, String> query, Buffer body,
            Duration requestTimeout, Set<Integer> accepted) {
        String request = method + " " + path;
        if (closed) {
            return Future.failedFuture(closedFailure(request));
        }
        Future<io.vertx.ext.web.client.HttpResponse<Buffer>> sent;
        try {
            HttpRequest<Buffer> http = client.request(method, path).timeout(requestTimeout.toMillis());
            query.forEach(http::addQueryParam);
            endpoint.token().ifPresent(token -> http.putHeader("X-Consul-Token", token));
            if (endpoint.https()) {
                // The name to send as SNI and to check the certificate against, while connecting to the address.
                endpoint.tls().serverName().ifPresent(http::virtualHost);
            }
            sent = body == null ? http.send() : http.sendBuffer(body);
        } catch (IllegalStateException e) {
            if (!closed) {
                throw e;
            }
            return Future.failedFuture(closedFailure(request)); // closed by another thread since the check above
        }
        return sent.<ConsulResponse>transform(ar -> {
            if (ar.failed()) {
                String why = redact(describe(ar.cause()));
                if (!closed) { // a request cut short by close() says nothing about Consul
                    reachability.unreachable(why);
                }
                return Future.failedFuture(new DiscoveryException(Kind.UNREACHABLE,
                        "Consul at " + endpoint.url() + " is unreachable (" + request + "): " + why, null));
            }
            reachability.answered();
            var response = ar.result();
            Buffer content = response.body() == null ? Buffer.buffer() : response.body();
            if (!accepted.contains(response.statusCode())) {
                return Future.failedFuture(new ConsulRejection(request, response.statusCode(),
                        redact(content.toString(StandardCharsets.UTF_8))));
            }
            return Future.succeededFuture(new ConsulResponse(response.statusCode(), content,
                    index(response.getHeader("X-Consul-Index"))));
        });
    }

    private DiscoveryException closedFailure(String request) {
        return new DiscoveryException(Kind.UNREACHABLE, "not sent (" + request + "): the client to Consul at "
                + endpoint.url() + " is closed", null);
    }

    void close() {
        closed = true;
        client.close();
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

    private static long index(String header) {
        if (header == null) {
            return 0;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
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
