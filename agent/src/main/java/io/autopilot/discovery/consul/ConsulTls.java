package io.autopilot.discovery.consul;

import io.autopilot.discovery.DiscoveryException;
import io.autopilot.discovery.DiscoveryException.Kind;
import io.autopilot.discovery.TlsConfig;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * The HTTP client's options for an endpoint: where to connect and, for https, whom to trust and who we are.
 *
 * <p>Verification is on unless the user turned it off: the CA file and every file in the CA directory are trusted
 * when given, the JDK's trust store otherwise, and the host name is checked against the certificate (against
 * {@code servername} when set, which is also sent as SNI). ContainerPilot skipped verification unless asked
 * (its issue #583).
 */
final class ConsulTls {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private ConsulTls() {
    }

    static HttpClientOptions clientOptions(ConsulEndpoint endpoint) {
        HttpClientOptions options = new HttpClientOptions()
                .setDefaultHost(endpoint.host())
                .setDefaultPort(endpoint.port())
                .setConnectTimeout((int) CONNECT_TIMEOUT.toMillis())
                .setKeepAlive(true);
        if (!endpoint.https()) {
            return options;
        }
        TlsConfig tls = endpoint.tls();
        options.setSsl(true);
        if (!tls.verify()) {
            options.setTrustAll(true).setVerifyHost(false);
        } else {
            options.setVerifyHost(true);
            PemTrustOptions trust = new PemTrustOptions();
            tls.caFile().ifPresent(trust::addCertPath);
            tls.caPath().ifPresent(dir -> caDirectory(dir).forEach(trust::addCertPath));
            if (!trust.getCertPaths().isEmpty()) {
                options.setTrustOptions(trust);
            }
        }
        if (tls.clientCert().isPresent() && tls.clientKey().isPresent()) {
            options.setKeyCertOptions(new PemKeyCertOptions().setCertPath(tls.clientCert().get())
                    .setKeyPath(tls.clientKey().get()));
        }
        tls.serverName().ifPresent(name -> options.setForceSni(true));
        return options;
    }

    /** Every regular file in the directory, as Consul's own client loads {@code CONSUL_CAPATH}. */
    private static Stream<String> caDirectory(String dir) {
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            return files.filter(Files::isRegularFile).map(Path::toString).sorted().toList().stream();
        } catch (IOException e) {
            throw new DiscoveryException(Kind.INVALID, "cannot read the CA directory " + dir + ": " + e, e);
        }
    }
}
