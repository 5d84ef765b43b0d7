package io.autopilot.health;

import io.autopilot.decode.Fields;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code health.tcp}: healthy when a TCP connection to {@code host:port} opens within the check's timeout.
 *
 * @param host a name or an address; an IPv6 address is written in brackets ({@code [::1]:6379})
 */
public record TcpCheckConfig(String host, int port) implements CheckConfig {
    private static final Pattern ADDRESS = Pattern.compile("(?:\\[([0-9A-Fa-f:.%\\w]+)]|([^:\\[\\]\\s]+)):(\\d{1,5})");

    static Optional<CheckConfig> decode(Fields fields, String key) {
        return fields.string(key).flatMap(text -> {
            Optional<TcpCheckConfig> parsed = parse(text.trim());
            if (parsed.isEmpty()) {
                fields.problem(key, "\"" + text + "\" is not host:port (a port from 1 to 65535; an IPv6 address in"
                        + " brackets, as [::1]:6379)");
            }
            return parsed.map(CheckConfig.class::cast);
        });
    }

    static Optional<TcpCheckConfig> parse(String text) {
        Matcher matcher = ADDRESS.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int port = Integer.parseInt(matcher.group(3));
        if (port < 1 || port > 65535) {
            return Optional.empty();
        }
        return Optional.of(new TcpCheckConfig(matcher.group(1) != null ? matcher.group(1) : matcher.group(2), port));
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
