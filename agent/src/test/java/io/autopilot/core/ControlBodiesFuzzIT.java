package io.autopilot.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.control.ControlClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The control plane's JSON bodies, fuzzed through its public entry point: the packaged agent's socket, with the
 * agent's own heap and stack. Every request is answered, within a bound and never with a server error, and the agent
 * keeps answering and logs no stack trace.
 */
class ControlBodiesFuzzIT {
    private static final List<String> PATHS = List.of("/v3/environ", "/v3/metric", "/v3/jobs/sleeper/signal");
    private static final List<String> TOKENS = List.of("{", "}", "[", "]", ":", ",", "\"", "\"a\"", "\"A_B\"",
            "\"=\"", "\"\"", "\"signal\"", "\"HUP\"", "\"SIGUSR1\"", "\"9999\"", "1", "-1", "1.5", "1e400", "-1e400",
            "NaN", "\"Infinity\"", "\"nan\"", "0x10", "true", "false", "null", " ", "\n", "\\", "\\u0000", "\\ud800",
            "é", "\u0000", "[".repeat(5_000), "{\"a\":".repeat(5_000), "\"" + "x".repeat(100_000) + "\"");

    private static Path dir;
    private static PackagedAgent agent;
    private static ControlClient client;

    @BeforeContainer
    static void startAgent() throws Exception {
        dir = Files.createTempDirectory("control-fuzz");
        Path socket = dir.resolve("control.sock");
        Path config = Files.writeString(dir.resolve("app.json5"), """
                {
                  control: { socket: "%s" },
                  jobs: [
                    { name: "app", exec: ["sleep", "600"] },
                    { name: "sleeper", exec: ["sleep", "600"], restarts: "unlimited" },
                  ],
                }
                """.formatted(socket));
        agent = PackagedAgent.start("-config", config.toString());
        agent.awaitLine("control: serving at " + socket);
        client = new ControlClient(socket, Duration.ofSeconds(10));
    }

    @AfterContainer
    static void stopAgent() throws Exception {
        assertThat(client.send("GET", "/v3/ping", "").status()).as("the agent still answers").isEqualTo(200);
        agent.terminate();
        assertThat(agent.exitCode()).isEqualTo(143);
        assertThat(agent.lines).noneMatch(line -> line.contains("Exception") || line.contains("Error:")
                || line.startsWith("\tat "));
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(dir);
    }

    /**
     * Found by the property below: a body of 5,000 opening brackets overflowed the event loop's stack in the JSON
     * decoder, and the request was never answered (for all three paths).
     */
    @Example
    void aBodyNestedFiveThousandDeepIsRefusedAsMalformedOrUnprocessable() throws Exception {
        for (String path : PATHS) {
            for (String body : List.of("\n" + "[".repeat(5_000), "{\"a\":" + "[".repeat(5_000))) {
                // 400 for JSON the reader cannot take, 422 for a nested value where the route wants a flat object.
                assertThat(client.send("POST", path, body).status()).as(path).isIn(400, 422);
            }
        }
    }

    @Property
    void everyBodyIsAnsweredWithoutAServerError(@ForAll("paths") String path, @ForAll("bodies") String body)
            throws Exception {
        ControlClient.Response response = client.send("POST", path, body);

        assertThat(response.status()).as(path + " " + shortened(body) + " -> " + response.body()).isBetween(200, 499);
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.of(PATHS);
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> soup = Arbitraries.oneOf(Arbitraries.of(TOKENS), Arbitraries.strings().ofMaxLength(3))
                .list().ofMaxSize(20).map(pieces -> String.join("", pieces));
        Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.of("null", "true", "1", "-2.5", "1e400", "\"1\"",
                "\"x\"", "\"\"", "\"HUP\"", "\"KILL\"", "[]", "{}", "{\"a\":1}", "\"\\u0000\""),
                Arbitraries.strings().ofMaxLength(10).map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"")
                        + "\""));
        Arbitrary<String> key = Arbitraries.oneOf(Arbitraries.of("A", "signal", "", "=", "a=b", "fuzz_metric",
                "\\u0000"), Arbitraries.strings().alpha().ofMaxLength(8));
        Arbitrary<String> object = Combinators.combine(key, value).as((k, v) -> "\"" + k + "\":" + v)
                .list().ofMaxSize(4).map(members -> members.stream().collect(Collectors.joining(",", "{", "}")));
        return Arbitraries.oneOf(soup, object);
    }

    private static String shortened(String body) {
        return body.length() > 200 ? body.substring(0, 200) + "... (" + body.length() + " characters)" : body;
    }
}
