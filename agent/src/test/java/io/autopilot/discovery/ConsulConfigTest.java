package io.autopilot.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.config.Json5Parser;
import io.autopilot.decode.KeyPath;
import io.autopilot.decode.Problem;
import io.autopilot.decode.Problems;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code consul} key in both its forms. */
class ConsulConfigTest {
    /**
     * Consul takes no credentials in its address (its own tools read basic auth from {@code CONSUL_HTTP_AUTH}), and an
     * address is shown in the start-up summary and in messages: user info is refused, and the password never echoed.
     */
    @Test
    void anAddressWithUserInfoIsRefusedWithoutShowingThePassword() {
        assertThat(problems("'http://admin:S3cret@consul:8500'")).singleElement().satisfies(problem -> {
            assertThat(problem).startsWith("consul: \"admin:…@consul:8500\" carries user info")
                    .contains("use an ACL token").endsWith("(app.json5:1)");
            assertThat(problem).doesNotContain("S3cret");
        });
        assertThat(problems("{ address: 'admin:S3cret@consul:8500' }")).singleElement()
                .satisfies(problem -> assertThat(problem).startsWith("consul.address: \"admin:…@consul:8500\" carries"
                        + " user info").doesNotContain("S3cret"));
        assertThat(problems("'https://S3cret@consul:8501/path'")).singleElement()
                .satisfies(problem -> assertThat(problem).contains("carries user info").doesNotContain("S3cret"));
    }

    /** The problems of {@code consul: <json5>}, decoded as the configuration decodes it. */
    private static List<String> problems(String json5) {
        Problems problems = new Problems();
        ConsulConfig.decode(Json5Parser.parse(json5, "app.json5"), KeyPath.root().key("consul"), problems);
        return problems.list().stream().map(Problem::toString).toList();
    }
}
