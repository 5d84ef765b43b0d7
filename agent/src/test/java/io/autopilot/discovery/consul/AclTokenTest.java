package io.autopilot.discovery.consul;

import static io.autopilot.discovery.consul.Clients.web;
import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.discovery.ConsulConfig;
import io.autopilot.discovery.TlsConfig;
import io.autopilot.testing.consul.ConsulAgent;
import io.autopilot.testing.consul.TestConsul;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ACL token is sent with every request and shown nowhere: not in messages, not in toString. */
class AclTokenTest {
    private static final String TOKEN = "5ecre7-acl-t0ken-a1b2c3";
    private static ConsulAgent consul;
    @RegisterExtension
    final Clients clients = new Clients();

    @BeforeAll
    static void startConsulWithAcls() {
        consul = TestConsul.devWithAcls(TOKEN);
    }

    @AfterAll
    static void stopConsul() {
        consul.close();
    }


    @Test
    void withTheTokenRegistrationAndCheckUpdatesAreAllowed() {
        var discovery = clients.to(consul, Clients.FAST, Optional.of(TOKEN), state -> { });

        Await.result(discovery.register(web("web-acl")));
        Await.result(discovery.pass("web-acl", "ok"));

        assertThat(consul.api().agentCheck("service:web-acl").orElseThrow().getString("Output")).isEqualTo("ok");
    }

    @Test
    void withAWrongTokenConsulRefusesAndTheMessageDoesNotShowTheToken() {
        String wrong = "wr0ng-t0ken-d4e5f6";
        var discovery = clients.to(consul, Clients.FAST, Optional.of(wrong), state -> { });

        Throwable failure = Await.failure(discovery.register(web("web-denied")));

        assertThat(failure).isInstanceOf(ConsulRejection.class).hasMessageContaining("403")
                .hasMessageNotContaining(wrong);
    }

    @Test
    void theTokenFromTheEnvironmentWinsOverTheConfigAndIsUsed() {
        var config = new ConsulConfig(Optional.of(consul.httpAddress()), Optional.empty(), Optional.of("config-token"),
                TlsConfig.DEFAULT);
        var endpoint = ConsulEndpoint.resolve(config, Map.of("CONSUL_HTTP_TOKEN", TOKEN));
        var discovery = clients.to(endpoint, Clients.FAST, state -> { });

        Await.result(discovery.register(web("web-env-token")));

        assertThat(endpoint.toString()).doesNotContain(TOKEN).contains("token=(set)");
    }

    @Test
    void aServerThatEchoesTheTokenHasItRedactedFromTheMessage() {
        try (var server = FakeConsul.http(clients.vertx, 500, "bad token " + TOKEN)) {
            var config = new ConsulConfig(Optional.of("127.0.0.1:" + server.port()), Optional.empty(),
                    Optional.of(TOKEN), TlsConfig.DEFAULT);
            var discovery = clients.to(ConsulEndpoint.resolve(config, Map.of()), Clients.FAST, state -> { });

            Throwable failure = Await.failure(discovery.register(web("web-echo")));

            assertThat(server.requests()).first().satisfies(headers -> assertThat(headers)
                    .containsEntry("x-consul-token", TOKEN));
            assertThat(failure).hasMessageContaining("bad token (token)").hasMessageNotContaining(TOKEN);
        }
    }
}
