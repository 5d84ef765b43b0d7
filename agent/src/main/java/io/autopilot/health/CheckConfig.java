package io.autopilot.health;

import io.autopilot.decode.Fields;
import java.util.List;
import java.util.Optional;

/**
 * What a health check does: run a command, request a URL, or open a TCP connection. A job has at most one; with
 * none it is checked only by its Consul TTL being refreshed.
 */
public sealed interface CheckConfig permits ExecCheckConfig, HttpCheckConfig, TcpCheckConfig {
    List<String> KINDS = List.of("exec", "http", "tcp");

    /**
     * The check of a {@code health} block; empty when it has none, or when it has problems (recorded). Giving more
     * than one kind is a problem: which one decides the health would be a guess.
     */
    static Optional<CheckConfig> decode(Fields fields) {
        List<String> given = KINDS.stream().filter(fields::has).toList();
        if (given.size() > 1) {
            fields.problem("has " + String.join(" and ", given.stream().map(k -> "\"" + k + "\"").toList())
                    + ": give only one of \"exec\", \"http\" and \"tcp\"");
        }
        Optional<CheckConfig> exec = fields.command("exec").map(ExecCheckConfig::new);
        Optional<CheckConfig> http = HttpCheckConfig.decode(fields, "http");
        Optional<CheckConfig> tcp = TcpCheckConfig.decode(fields, "tcp");
        return given.size() > 1 ? Optional.empty() : exec.or(() -> http).or(() -> tcp);
    }
}
