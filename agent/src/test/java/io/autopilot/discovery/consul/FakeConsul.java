package io.autopilot.discovery.consul;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A plain Vert.x HTTP(S) server on loopback that answers like Consul where the tests need a server they control:
 * TLS with test certificates, bodies and indexes Consul itself would never send. It records each request's headers.
 */
final class FakeConsul implements AutoCloseable {
    private final HttpServer server;
    private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();

    private FakeConsul(Vertx vertx, HttpServerOptions options, Handler<HttpServerRequest> answer) {
        this.server = vertx.createHttpServer(options.setHost("127.0.0.1").setPort(0)).requestHandler(request -> {
            Map<String, String> headers = new java.util.HashMap<>();
            request.headers().forEach(header -> headers.put(header.getKey().toLowerCase(java.util.Locale.ROOT),
                    header.getValue()));
            requests.add(Map.copyOf(headers));
            answer.handle(request);
        });
        Await.result(server.listen());
    }

    private FakeConsul(Vertx vertx, HttpServerOptions options, int status, String body) {
        this(vertx, options, request -> request.response().setStatusCode(status).putHeader("X-Consul-Index", "7")
                .end(body));
    }

    static FakeConsul http(Vertx vertx, int status, String body) {
        return new FakeConsul(vertx, new HttpServerOptions(), status, body);
    }

    /** Answers every request with {@code answer}: misbehaviour Consul itself would not show on demand. */
    static FakeConsul answering(Vertx vertx, Handler<HttpServerRequest> answer) {
        return new FakeConsul(vertx, new HttpServerOptions(), answer);
    }

    /** HTTPS with the named certificate from the test resources ({@code localhost} or {@code consul-test}). */
    static FakeConsul https(Vertx vertx, String certificate, boolean requireClientCertificate) {
        var options = new HttpServerOptions().setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                .setCertPath(tls(certificate + ".pem")).setKeyPath(tls(certificate + "-key.pem")));
        if (requireClientCertificate) {
            options.setClientAuth(ClientAuth.REQUIRED).setTrustOptions(new PemTrustOptions().addCertPath(tls("ca.pem")));
        }
        return new FakeConsul(vertx, options, 200, "[]");
    }

    /** The path of a file in the test resources' {@code tls} folder. */
    static String tls(String name) {
        try {
            return Path.of(FakeConsul.class.getResource("tls/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    int port() {
        return server.actualPort();
    }

    List<Map<String, String>> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        Await.result(server.close());
    }
}
