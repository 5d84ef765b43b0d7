package io.autopilot.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP checks against a real server on loopback. */
class HttpCheckTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final NetworkChecks checks = new NetworkChecks();
    private HttpServer server;

    @AfterEach
    void close() throws Exception {
        if (server != null) {
            server.stop(0);
        }
        checks.close();
    }

    @Test
    void a2xxPassesAndAnythingElseFailsWithTheStatusAndTheStartOfTheBody() throws Exception {
        serve(HttpServer.create(), exchange -> {
            int status = Integer.parseInt(exchange.getRequestURI().getPath().substring(1));
            respond(exchange, status, status == 503 ? "not ready: db down\n" : "");
        });

        assertThat(checks.run(get("/204"))).isEqualTo(new CheckResult(true, "GET " + url("/204") + ": 204 No Content"));
        assertThat(checks.run(get("/503"))).isEqualTo(new CheckResult(false,
                "GET " + url("/503") + ": 503 Service Unavailable: not ready: db down"));
        assertThat(checks.run(get("/301")).passing()).as("redirects are not followed").isFalse();
        assertThat(checks.run(get("/429")).passing()).as("no warning state: 429 fails").isFalse();
    }

    @Test
    void theExpectedStatusesMethodAndHeadersAreTheConfiguredOnes() throws Exception {
        serve(HttpServer.create(), exchange -> respond(exchange,
                exchange.getRequestMethod().equals("HEAD") && "yes".equals(exchange.getRequestHeaders()
                        .getFirst("X-Probe")) ? 404 : 500, ""));
        var expecting404 = new StatusCodes(List.of(new StatusCodes.Range(404, 404)));
        var config = new HttpCheckConfig(URI.create(url("/")), "HEAD", Map.of("X-Probe", List.of("yes")),
                expecting404, true);

        assertThat(checks.run(checks.check(config, TIMEOUT)).passing()).isTrue();
        assertThat(checks.run(checks.check(new HttpCheckConfig(config.url(), "GET", config.headers(), expecting404,
                true), TIMEOUT))).isEqualTo(new CheckResult(false,
                        "GET " + url("/") + ": 500 Internal Server Error (expected 404)"));
    }

    @Test
    void aRunDueAfterTheCheckWasClosedFailsInsteadOfThrowing() throws Exception {
        serve(HttpServer.create(), exchange -> respond(exchange, 200, ""));
        NetworkCheck check = get("/");
        check.close().await(NetworkChecks.PATIENCE.toSeconds(), TimeUnit.SECONDS);

        CheckResult result = check.run().await(NetworkChecks.PATIENCE.toSeconds(), TimeUnit.SECONDS);

        assertThat(result).isEqualTo(new CheckResult(false, "GET " + url("/") + ": not run: Client is closed"));
    }

    @Test
    void onlyTheFirstBytesOfALongBodyAreRead() throws Exception {
        serve(HttpServer.create(), exchange -> respond(exchange, 500, "x".repeat(1 << 20)));

        CheckResult result = checks.run(get("/"));

        assertThat(result.output()).endsWith(": 500 Internal Server Error: " + "x".repeat(HttpCheck.BODY_SHOWN));
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        // Connections queue in the backlog, never accepted: the request is sent and no answer ever comes.
        try (var silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + silent.getLocalPort() + "/health";
            var check = checks.check(new HttpCheckConfig(URI.create(url), "GET", Map.of(), StatusCodes.SUCCESS,
                    true), Duration.ofMillis(300));

            long started = System.nanoTime();
            CheckResult result = checks.run(check);

            assertThat(result).isEqualTo(new CheckResult(false, "GET " + url + ": timed out after 300ms"));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(300),
                    NetworkChecks.PATIENCE);
        }
    }

    @Test
    void aRefusedConnectionSaysSo() throws Exception {
        String url = "http://127.0.0.1:" + TcpCheckTest.closedPort() + "/";
        var check = checks.check(new HttpCheckConfig(URI.create(url), "GET", Map.of(), StatusCodes.SUCCESS, true),
                TIMEOUT);

        assertThat(checks.run(check).output()).startsWith("GET " + url + ": ").containsIgnoringCase("refused");
    }

    @Test
    void httpsCertificatesAreVerifiedUnlessSkipped(@TempDir Path keys) throws Exception {
        HttpsServer https = HttpsServer.create();
        https.setHttpsConfigurator(new HttpsConfigurator(selfSigned(keys)));
        serve(https, exchange -> respond(exchange, 200, "ok"));
        URI url = URI.create(url("/").replace("http:", "https:"));

        CheckResult verified = checks.run(checks.check(
                new HttpCheckConfig(url, "GET", Map.of(), StatusCodes.SUCCESS, true), TIMEOUT));
        CheckResult skipped = checks.run(checks.check(
                new HttpCheckConfig(url, "GET", Map.of(), StatusCodes.SUCCESS, false), TIMEOUT));

        assertThat(verified.passing()).as("a self-signed certificate, verified: %s", verified).isFalse();
        assertThat(skipped).isEqualTo(new CheckResult(true, "GET " + url + ": 200 OK"));
    }

    private NetworkCheck get(String path) {
        return checks.check(new HttpCheckConfig(URI.create(url(path)), "GET", Map.of(), StatusCodes.SUCCESS, true),
                TIMEOUT);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void serve(HttpServer created, com.sun.net.httpserver.HttpHandler handler) throws IOException {
        server = created;
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", handler);
        server.start();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            if (status == 301) {
                exchange.getResponseHeaders().add("Location", "/204");
            }
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (var out = exchange.getResponseBody()) {
                    out.write(bytes);
                } catch (IOException closedByTheCheck) {
                    // The check reads only the first bytes and then closes the connection.
                }
            }
        }
    }

    /** A key pair with a self-signed certificate for 127.0.0.1, made by the JDK's keytool. */
    private static SSLContext selfSigned(Path keys) throws Exception {
        Path store = keys.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-dname", "CN=localhost",
                "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "secret", "-keypass", "secret")
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).as("keytool ended").isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, "secret".toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keyStore, "secret".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        return tls;
    }
}
