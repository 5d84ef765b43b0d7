package io.autopilot.discovery;

import io.autopilot.decode.Fields;
import io.autopilot.decode.KeyPath;
import io.autopilot.decode.Node;
import io.autopilot.decode.Node.TextNode;
import io.autopilot.decode.Problems;
import java.util.Locale;
import java.util.Optional;

/**
 * How to reach Consul: the top-level {@code consul} key, either {@code "host:port"} (optionally with
 * {@code http://} or {@code https://}) or an object with {@code address}, {@code scheme}, {@code token} or
 * {@code tokenFile}, and {@code tls}. Empty parts fall back to Consul's own environment variables when the client is
 * built.
 *
 * <p>The token is a secret: {@link #toString()} never shows it, so neither can a log line or an error.
 *
 * @param tokenFile a file holding the ACL token (ours; ContainerPilot had only {@code token}), read when the client is
 *     built
 */
public record ConsulConfig(Optional<String> address, Optional<String> scheme, Optional<String> token,
        Optional<String> tokenFile, TlsConfig tls) {

    /** Without a token file. */
    public ConsulConfig(Optional<String> address, Optional<String> scheme, Optional<String> token, TlsConfig tls) {
        this(address, scheme, token, Optional.empty(), tls);
    }

    public static Optional<ConsulConfig> decode(Node node, KeyPath path, Problems problems) {
        if (node instanceof TextNode text) {
            return fromUri(text.value(), path, node, problems);
        }
        return Fields.of(node, path, problems).map(fields -> {
            Optional<String> address = fields.string("address").filter(a -> !a.isBlank());
            Optional<String> scheme = fields.string("scheme").filter(s -> !s.isBlank()).flatMap(s -> {
                String lower = s.toLowerCase(Locale.ROOT);
                if (!lower.equals("http") && !lower.equals("https")) {
                    fields.problem("scheme", "must be \"http\" or \"https\", not \"" + s + "\"");
                    return Optional.empty();
                }
                return Optional.of(lower);
            });
            address.ifPresent(a -> checkAddress(a, fields.path("address"), fields.origin("address"), problems));
            Optional<String> token = fields.string("token").filter(t -> !t.isBlank());
            Optional<String> tokenFile = fields.string("tokenFile").filter(t -> !t.isBlank());
            if (token.isPresent() && tokenFile.isPresent()) {
                fields.problem("tokenFile", "cannot be given with \"token\": which one should be sent?");
            }
            TlsConfig tls = fields.object("tls", TlsConfig::decode).orElse(TlsConfig.DEFAULT);
            fields.finish();
            return new ConsulConfig(address, scheme, token, tokenFile, tls);
        });
    }

    private static Optional<ConsulConfig> fromUri(String uri, KeyPath path, Node node, Problems problems) {
        String rest = uri.trim();
        Optional<String> scheme = Optional.empty();
        int separator = rest.indexOf("://");
        if (separator >= 0) {
            String given = rest.substring(0, separator).toLowerCase(Locale.ROOT);
            if (!given.equals("http") && !given.equals("https")) {
                problems.add(path, node.origin(), "scheme must be http:// or https://, not " + given + "://");
                return Optional.empty();
            }
            scheme = Optional.of(given);
            rest = rest.substring(separator + 3);
        }
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        if (rest.isEmpty()) {
            problems.add(path, node.origin(), "must be \"host:port\", optionally with http:// or https://");
            return Optional.empty();
        }
        if (!checkAddress(rest, path, node.origin(), problems)) {
            return Optional.empty();
        }
        return Optional.of(new ConsulConfig(Optional.of(rest), scheme, Optional.empty(), TlsConfig.DEFAULT));
    }

    private static boolean checkAddress(String address, KeyPath path, io.autopilot.decode.Origin origin,
            Problems problems) {
        Optional<String> userInfo = userInfoProblem(address);
        if (userInfo.isPresent()) {
            problems.add(path, origin, userInfo.get());
            return false;
        }
        if (address.contains("/") || address.contains(" ")) {
            problems.add(path, origin, "\"" + address + "\" is not \"host:port\"");
            return false;
        }
        int colon = address.lastIndexOf(':');
        if (colon > 0 && !address.endsWith("]")) {
            String port = address.substring(colon + 1);
            if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535 || Integer.parseInt(port) == 0) {
                problems.add(path, origin, "\"" + port + "\" in \"" + address + "\" is not a port number");
                return false;
            }
        }
        return true;
    }

    /**
     * What is wrong with an address that carries user info ({@code user:password@host:port}), the password left out;
     * empty when it carries none. Refused rather than dropped or sent: Consul takes no credentials in its address
     * (its own tools read basic auth from {@code CONSUL_HTTP_AUTH}, and ContainerPilot silently dropped them), and an
     * address is shown in the start-up summary and in messages.
     */
    public static Optional<String> userInfoProblem(String address) {
        int at = address.lastIndexOf('@');
        if (at < 0) {
            return Optional.empty();
        }
        int colon = address.indexOf(':');
        String user = colon >= 0 && colon < at ? address.substring(0, colon) + ":" : "";
        return Optional.of("\"" + user + "…" + address.substring(at) + "\" carries user info: Consul takes no"
                + " credentials in its address; use an ACL token (\"token\", \"tokenFile\" or CONSUL_HTTP_TOKEN)");
    }

    @Override
    public String toString() {
        return "ConsulConfig[address=" + address + ", scheme=" + scheme + ", token="
                + token.map(t -> "(set)").orElse("(none)") + ", tokenFile=" + tokenFile + ", tls=" + tls + "]";
    }
}
