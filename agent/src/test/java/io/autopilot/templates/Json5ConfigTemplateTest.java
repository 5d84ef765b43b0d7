package io.autopilot.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A whole JSON5 config rendered as ContainerPilot renders it: actions inside strings and generating elements. */
class Json5ConfigTemplateTest {
    private static String fixture() throws IOException {
        try (InputStream in = Json5ConfigTemplateTest.class.getResourceAsStream("Json5ConfigTemplateTest.json5")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void rendersWithTheEnvironmentFilledIn() throws IOException {
        Map<String, String> environment = Map.of(
                "CONSUL", "consul.internal", "APP_ARGS", " node server.js --port=3000 ", "PORT", "3000",
                "DEBUG", "1", "TAGS", "web,\"blue\"", "HEALTH_INTERVAL", "10");
        Template template = Template.parse("app.json5", fixture(), Functions.containerPilot(environment::get));

        Rendered rendered = template.renderTracked(environment);

        assertThat(rendered.text()).isEqualTo("""
                {
                  // ContainerPilot-style config rendered over the environment before parsing
                  consul: "consul.internal:8500",
                  logging: { level: "INFO" },
                  jobs: [
                    {
                      name: "app",
                      exec: ["node", "server.js", "--port=3000"],
                      port: 3000,
                      debug: true,
                      health: {
                        exec: "curl -fs http://localhost:3000/health",
                        interval: 10,
                      },
                    },
                    { name: "worker-0", exec: "work --shard=0" },
                    { name: "worker-1", exec: "work --shard=1" },
                    { name: "worker-2", exec: "work --shard=2" },
                  ],
                  tags: ["web", "\\"blue\\""],
                }
                """);
        assertThat(rendered.sourceLine(10)).as("debug: true").isEqualTo(11);
        assertThat(rendered.sourceLine(12)).as("health exec").isEqualTo(14);
        assertThat(rendered.sourceLine(18)).as("worker-2").isEqualTo(19);
        assertThat(rendered.sourceLine(20)).as("tags").isEqualTo(23);
    }

    @Test
    void rendersWithDefaultsWhenTheEnvironmentIsEmpty() throws IOException {
        Template template = Template.parse("app.json5", fixture(), Functions.containerPilot(name -> null));

        String text = template.render(Map.of());

        assertThat(text)
                .contains("consul: \"consul:8500\"")
                .contains("exec: [],")
                .contains("port: 8080,")
                .contains("interval: 5,")
                .contains("tags: [],")
                .doesNotContain("debug")
                .doesNotContain("<no value>");
    }
}
