package io.autopilot.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autopilot.config.ConfigException;
import io.autopilot.config.ConfigLoader;
import io.autopilot.decode.Problem;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code health} keys beyond ContainerPilot's: {@code http}, {@code tcp} and the thresholds. */
class HealthConfigTest {

    private static HealthConfig health(String json5) throws Exception {
        return load("{ jobs: [{ name: 'web', health: " + json5 + " }] }").getFirst().health().orElseThrow();
    }

    private static List<String> problems(String healthJson5) {
        try {
            load("{ jobs: [{ name: 'web', health: " + healthJson5 + " }] }");
        } catch (ConfigException e) {
            return e.problems().stream().map(Problem::toString).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("accepted: " + healthJson5);
    }

    private static List<io.autopilot.jobs.JobConfig> load(String json5) throws IOException, ConfigException {
        Path file = Files.createTempFile("health-config-test", ".json5");
        try {
            Files.writeString(file, json5);
            return new ConfigLoader(Map.of()).load(file).jobs();
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void aUrlAloneChecksForAny2xxWithVerifiedTls() throws Exception {
        assertThat(health("{ http: 'https://localhost:8443/health', interval: '5s' }").check()).contains(
                new HttpCheckConfig(URI.create("https://localhost:8443/health"), "GET", Map.of(),
                        StatusCodes.SUCCESS, true));
    }

    @Test
    void theHttpObjectFormSetsMethodHeadersStatusesAndTls() throws Exception {
        var http = (HttpCheckConfig) health("""
                { http: { url: 'http://127.0.0.1:8080/ready', method: 'head', headers: { 'X-Probe': 'autopilot',
                          Accept: ['text/plain', 'application/json'] }, status: [204, '3xx', '400-404'],
                          tlsSkipVerify: true },
                  interval: '5s' }""").check().orElseThrow();

        assertThat(http.method()).isEqualTo("HEAD");
        assertThat(http.headers()).containsEntry("X-Probe", List.of("autopilot"))
                .containsEntry("Accept", List.of("text/plain", "application/json"));
        assertThat(http.status()).hasToString("204, 3xx, 400-404");
        assertThat(http.status().accepts(302)).isTrue();
        assertThat(http.status().accepts(200)).isFalse();
        assertThat(http.verifyTls()).isFalse();
    }

    @Test
    void tcpTakesAHostAndPortWithIpv6InBrackets() throws Exception {
        assertThat(health("{ tcp: 'redis:6379', interval: 5 }").check()).contains(new TcpCheckConfig("redis", 6379));
        assertThat(health("{ tcp: '[::1]:6379', interval: 5 }").check()).contains(new TcpCheckConfig("::1", 6379));
    }

    @Test
    void thresholdsDefaultToAtOnce() throws Exception {
        assertThat(health("{ exec: 'true', interval: 5 }").thresholds()).isEqualTo(Thresholds.AT_ONCE);
        assertThat(health("{ exec: 'true', interval: 5, successBeforePassing: 2, failuresBeforeCritical: 3 }")
                .thresholds()).isEqualTo(new Thresholds(2, 3));
    }

    @Test
    void aTtlOnlyJobHasNoCheck() throws Exception {
        assertThat(health("{ interval: 5 }").check()).isEmpty();
        assertThat(health("{ interval: 5 }").exec()).isEmpty();
    }

    @Test
    void onlyOneKindOfCheckIsAllowed() {
        assertThat(problems("{ exec: 'true', http: 'http://localhost/', interval: 5 }")).singleElement().asString()
                .startsWith("jobs[0] (name \"web\").health: has \"exec\" and \"http\": give only one of \"exec\","
                        + " \"http\" and \"tcp\"");
    }

    @Test
    void badUrlsAddressesStatusesAndThresholdsAreNamed() {
        assertThat(problems("{ http: 'ftp://files/health', interval: 5 }")).singleElement().asString()
                .contains("health.http: \"ftp://files/health\" is not an http:// or https:// URL with a host");
        assertThat(problems("{ http: 'http://exa mple/', interval: 5 }")).singleElement().asString()
                .contains("health.http: \"http://exa mple/\" is not a URL: Illegal character in authority");
        assertThat(problems("{ http: { url: 'localhost:8080' }, interval: 5 }")).singleElement().asString()
                .contains("health.http.url: \"localhost:8080\" is not an http:// or https:// URL");
        assertThat(problems("{ http: { url: 'http://localhost/', status: ['2xx', 700] }, interval: 5 }"))
                .singleElement().asString().contains("health.http.status: 700 is not a status code (200)");
        assertThat(problems("{ http: { method: 'GET' }, interval: 5 }")).singleElement().asString()
                .contains("health.http.url: is required");
        assertThat(problems("{ tcp: 'localhost', interval: 5 }")).singleElement().asString()
                .contains("health.tcp: \"localhost\" is not host:port");
        assertThat(problems("{ tcp: 'localhost:70000', interval: 5 }")).singleElement().asString()
                .contains("health.tcp: \"localhost:70000\" is not host:port");
        assertThat(problems("{ exec: 'true', interval: 5, failuresBeforeCritical: -1 }")).singleElement()
                .asString().contains("health.failuresBeforeCritical: -1 is out of range");
    }
}
