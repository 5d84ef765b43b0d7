package io.autopilot.discovery.consul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autopilot.discovery.ConsulConfig;
import io.autopilot.discovery.DiscoveryException;
import io.autopilot.discovery.TlsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the config and the environment put Consul: ContainerPilot's precedence, verification on by default. */
class ConsulEndpointTest {
    private static final ConsulConfig EMPTY = new ConsulConfig(Optional.empty(), Optional.empty(), Optional.empty(),
            TlsConfig.DEFAULT);

    private static ConsulConfig address(String address) {
        return new ConsulConfig(Optional.of(address), Optional.empty(), Optional.empty(), TlsConfig.DEFAULT);
    }

    @Test
    void withNothingGivenItIsTheLocalAgentOverPlainHttp() {
        var endpoint = ConsulEndpoint.resolve(EMPTY, Map.of());

        assertThat(endpoint.url()).isEqualTo("http://127.0.0.1:8500");
        assertThat(endpoint.token()).isEmpty();
        assertThat(endpoint.tls().verify()).isTrue();
    }

    @Test
    void theConfiguredAddressWinsOverConsulHttpAddr() {
        var endpoint = ConsulEndpoint.resolve(address("consul:8500"), Map.of("CONSUL_HTTP_ADDR", "other:9500"));

        assertThat(endpoint.url()).isEqualTo("http://consul:8500");
    }

    @Test
    void consulHttpAddrFillsInAMissingAddressWithItsScheme() {
        var endpoint = ConsulEndpoint.resolve(EMPTY, Map.of("CONSUL_HTTP_ADDR", "https://consul.service:8501"));

        assertThat(endpoint.url()).isEqualTo("https://consul.service:8501");
    }

    @Test
    void consulHttpSslTurnsOnHttpsWhenNoSchemeIsConfigured() {
        assertThat(ConsulEndpoint.resolve(address("consul:8501"), Map.of("CONSUL_HTTP_SSL", "true")).https())
                .isTrue();
    }

    /** As for the {@code consul} key: Consul takes no credentials in its address, and messages show the address. */
    @Test
    void consulHttpAddrWithUserInfoIsRefusedWithoutShowingThePassword() {
        assertThatThrownBy(() -> ConsulEndpoint.resolve(EMPTY, Map.of("CONSUL_HTTP_ADDR",
                "http://admin:S3cret@consul:8500")))
                .isInstanceOf(DiscoveryException.class)
                .hasMessageStartingWith("CONSUL_HTTP_ADDR: \"admin:…@consul:8500\" carries user info")
                .message().doesNotContain("S3cret");
    }

    @Test
    void anAddressWithoutPortUsesConsulsDefaultPortAndIpv6IsBracketed() {
        assertThat(ConsulEndpoint.resolve(address("consul"), Map.of()).url()).isEqualTo("http://consul:8500");
        assertThat(ConsulEndpoint.resolve(address("[::1]:8500"), Map.of()).url()).isEqualTo("http://[::1]:8500");
    }

    @Test
    void nonEmptyTlsVariablesWinOverTheConfig() {
        var tls = new TlsConfig(Optional.of("/config/ca.pem"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("config.name"), true);
        var config = new ConsulConfig(Optional.of("consul:8501"), Optional.of("https"), Optional.empty(), tls);

        var resolved = ConsulEndpoint.resolve(config, Map.of("CONSUL_CACERT", "/env/ca.pem",
                "CONSUL_TLS_SERVER_NAME", "", "CONSUL_CLIENT_CERT", "/env/cert.pem", "CONSUL_CLIENT_KEY",
                "/env/key.pem", "CONSUL_HTTP_SSL_VERIFY", "false")).tls();

        assertThat(resolved).isEqualTo(new TlsConfig(Optional.of("/env/ca.pem"), Optional.empty(),
                Optional.of("/env/cert.pem"), Optional.of("/env/key.pem"), Optional.of("config.name"), false));
    }

    @Test
    void theTokenComesFromTheEnvironmentThenTheConfigThenTheTokenFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("token"), "file-token\n");
        var config = new ConsulConfig(Optional.empty(), Optional.empty(), Optional.of("config-token"),
                TlsConfig.DEFAULT);
        var fileOnly = Map.of("CONSUL_HTTP_TOKEN_FILE", file.toString());

        assertThat(ConsulEndpoint.resolve(config, Map.of("CONSUL_HTTP_TOKEN", "env-token",
                "CONSUL_HTTP_TOKEN_FILE", file.toString())).token()).contains("env-token");
        assertThat(ConsulEndpoint.resolve(config, fileOnly).token()).contains("config-token");
        assertThat(ConsulEndpoint.resolve(EMPTY, fileOnly).token()).contains("file-token");
    }

    @Test
    void theConfigsTokenFileComesLastAndAnUnreadableOneIsNamedButNotItsContent(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("config-token"), "  from-config-file \n");
        Path envFile = Files.writeString(dir.resolve("env-token"), "from-env-file");
        var config = new ConsulConfig(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(file.toString()), TlsConfig.DEFAULT);

        assertThat(ConsulEndpoint.resolve(config, Map.of()).token()).contains("from-config-file");
        assertThat(ConsulEndpoint.resolve(config, Map.of("CONSUL_HTTP_TOKEN_FILE", envFile.toString())).token())
                .contains("from-env-file");
        var missing = new ConsulConfig(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(dir.resolve("absent").toString()), TlsConfig.DEFAULT);
        assertThatThrownBy(() -> ConsulEndpoint.resolve(missing, Map.of()))
                .isInstanceOf(DiscoveryException.class).hasMessageContaining("(from consul.tokenFile)");
    }

    @Test
    void aSchemeOtherThanHttpOrHttpsIsRefused() {
        assertThatThrownBy(() -> ConsulEndpoint.resolve(EMPTY, Map.of("CONSUL_HTTP_ADDR", "unix:///run/consul.sock")))
                .isInstanceOf(DiscoveryException.class)
                .hasMessage("Consul's scheme must be http or https; CONSUL_HTTP_ADDR gives another");
    }

    @Test
    void aVerifyVariableThatIsNoBooleanIsRefusedByName() {
        assertThatThrownBy(() -> ConsulEndpoint.resolve(EMPTY, Map.of("CONSUL_HTTP_SSL_VERIFY", "maybe")))
                .hasMessage("CONSUL_HTTP_SSL_VERIFY is not a boolean (use true or false)");
    }

    @Test
    void anErrorNamesTheVariableAndNeverShowsItsValue(@TempDir Path dir) {
        String canary = "canary-3f9a1c";
        for (var environment : List.of(Map.of("CONSUL_HTTP_ADDR", "ftp://" + canary),
                Map.of("CONSUL_HTTP_ADDR", canary + ":99999"), Map.of("CONSUL_HTTP_SSL", canary),
                Map.of("CONSUL_HTTP_SSL_VERIFY", canary),
                Map.of("CONSUL_HTTP_TOKEN_FILE", dir.resolve(canary).toString()))) {
            assertThatThrownBy(() -> ConsulEndpoint.resolve(EMPTY, environment)).as(environment.toString())
                    .isInstanceOf(DiscoveryException.class).message().contains(environment.keySet().iterator().next())
                    .doesNotContain(canary);
        }
    }
}
