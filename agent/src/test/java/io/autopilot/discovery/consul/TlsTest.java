package io.autopilot.discovery.consul;

import static io.autopilot.discovery.consul.FakeConsul.tls;
import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.discovery.ConsulConfig;
import io.autopilot.discovery.DiscoveryException;
import io.autopilot.discovery.KeyQuery;
import io.autopilot.discovery.KeyValue;
import io.autopilot.discovery.TlsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS to Consul, against an HTTPS server with test certificates: verification is on unless turned off (ContainerPilot
 * had it off unless asked, its issue #583), and the CA, server name and client certificate settings take effect.
 */
class TlsTest {
    private static final TlsConfig VERIFY = TlsConfig.DEFAULT;
    @RegisterExtension
    final Clients clients = new Clients();


    @Test
    void anUntrustedCertificateFailsByDefault() {
        try (var server = FakeConsul.https(clients.vertx, "localhost", false)) {
            var failure = firstError(server, VERIFY);

            assertThat(failure.kind()).isEqualTo(DiscoveryException.Kind.UNREACHABLE);
            assertThat(failure).hasMessageContaining("https://127.0.0.1:" + server.port())
                    .hasMessageMatching("(?s).*(PKIX|certificate|unable to find valid certification path).*");
        }
    }

    @Test
    void verifyFalseAcceptsAnyCertificate() {
        try (var server = FakeConsul.https(clients.vertx, "localhost", false)) {
            assertThat(firstResult(server, tlsWith(Optional.empty(), Optional.empty(), Optional.empty(), false)))
                    .isEmpty();
        }
    }

    @Test
    void theCaFileMakesTheCertificateTrusted() {
        try (var server = FakeConsul.https(clients.vertx, "localhost", false)) {
            assertThat(firstResult(server, tlsWith(Optional.of(tls("ca.pem")), Optional.empty(), Optional.empty(),
                    true))).isEmpty();
        }
    }

    @Test
    void everyFileInTheCaPathIsTrusted(@TempDir Path caDir) throws IOException {
        Files.copy(Path.of(tls("ca.pem")), caDir.resolve("ca.pem"));
        try (var server = FakeConsul.https(clients.vertx, "localhost", false)) {
            var tls = new TlsConfig(Optional.empty(), Optional.of(caDir.toString()), Optional.empty(),
                    Optional.empty(), Optional.empty(), true);
            assertThat(firstResult(server, tls)).isEmpty();
        }
    }

    @Test
    void aCertificateForAnotherHostFailsUnlessServerNameNamesIt() {
        try (var server = FakeConsul.https(clients.vertx, "consul-test", false)) {
            var wrongHost = tlsWith(Optional.of(tls("ca.pem")), Optional.empty(), Optional.empty(), true);
            assertThat(firstError(server, wrongHost).kind()).isEqualTo(DiscoveryException.Kind.UNREACHABLE);

            var named = tlsWith(Optional.of(tls("ca.pem")), Optional.of("consul.test"), Optional.empty(), true);
            assertThat(firstResult(server, named)).isEmpty();
        }
    }

    @Test
    void theClientCertificateIsPresentedWhenConsulRequiresOne() {
        try (var server = FakeConsul.https(clients.vertx, "localhost", true)) {
            var withClient = tlsWith(Optional.of(tls("ca.pem")), Optional.empty(), Optional.of("client"), true);
            assertThat(firstResult(server, withClient)).isEmpty();
        }
    }

    private static TlsConfig tlsWith(Optional<String> ca, Optional<String> serverName, Optional<String> client,
            boolean verify) {
        return new TlsConfig(ca, Optional.empty(), client.map(c -> tls(c + ".pem")),
                client.map(c -> tls(c + "-key.pem")), serverName, verify);
    }

    private List<KeyValue> firstResult(FakeConsul server, TlsConfig tls) {
        var recorder = watch(server, tls);
        return recorder.next();
    }

    private DiscoveryException firstError(FakeConsul server, TlsConfig tls) {
        var recorder = watch(server, tls);
        Await.until("a failed query", () -> !recorder.errors().isEmpty());
        assertThat(recorder.all()).isEmpty();
        return recorder.errors().getFirst();
    }

    private WatchRecorder<List<KeyValue>> watch(FakeConsul server, TlsConfig tls) {
        var config = new ConsulConfig(Optional.of("127.0.0.1:" + server.port()), Optional.of("https"),
                Optional.empty(), tls);
        var discovery = clients.to(ConsulEndpoint.resolve(config, Map.of()), Clients.FAST, state -> { });
        var recorder = new WatchRecorder<List<KeyValue>>();
        discovery.watchKeys(KeyQuery.key("any", Duration.ofSeconds(1)), recorder);
        return recorder;
    }
}
