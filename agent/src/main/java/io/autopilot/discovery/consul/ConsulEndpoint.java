package io.autopilot.discovery.consul;

import io.autopilot.discovery.ConsulConfig;
import io.autopilot.discovery.DiscoveryException;
import io.autopilot.discovery.DiscoveryException.Kind;
import io.autopilot.discovery.TlsConfig;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where Consul is and how to talk to it, resolved once from the {@code consul} key and the environment.
 *
 * <p>Precedence is ContainerPilot's (reference §1.2): the address and scheme come from the config and fall back to
 * {@code CONSUL_HTTP_ADDR} (which may carry {@code https://}) and {@code CONSUL_HTTP_SSL}, then
 * {@code 127.0.0.1:8500}; the token and every TLS setting take the environment variable when it is non-empty.
 * Besides ContainerPilot, {@code CONSUL_HTTP_TOKEN_FILE} is read when no token is given otherwise, as Consul's own
 * tools do. Unlike ContainerPilot, certificates are verified unless {@code verify: false} or
 * {@code CONSUL_HTTP_SSL_VERIFY=false}.
 *
 * <p>{@link #toString()} never shows the token, and no error shows a value from the environment: it names the
 * variable.
 */
public record ConsulEndpoint(String scheme, String host, int port, Optional<String> token, TlsConfig tls) {
    static final int DEFAULT_PORT = 8500;

    public static ConsulEndpoint resolve(ConsulConfig config, Map<String, String> env) {
        Optional<String> envAddress = nonEmpty(env, "CONSUL_HTTP_ADDR");
        if (config.address().isEmpty()) { // else the variable is not used
            envAddress.map(ConsulEndpoint::withoutScheme).flatMap(ConsulConfig::userInfoProblem).ifPresent(problem -> {
                throw new DiscoveryException(Kind.INVALID, "CONSUL_HTTP_ADDR: " + problem);
            });
        }
        String address = config.address().or(() -> envAddress.map(ConsulEndpoint::withoutScheme))
                .orElse("127.0.0.1:" + DEFAULT_PORT);
        // A value from the environment (or one the configuration took from it) is never shown: it is named.
        String addressFrom = config.address().isPresent() ? "consul's address" : "CONSUL_HTTP_ADDR";
        String scheme = config.scheme()
                .or(() -> config.address().isEmpty() ? envAddress.flatMap(ConsulEndpoint::schemeOf) : Optional.empty())
                .or(() -> nonEmpty(env, "CONSUL_HTTP_SSL").filter(ssl -> parseBool("CONSUL_HTTP_SSL", ssl))
                        .map(ssl -> "https"))
                .orElse("http");
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new DiscoveryException(Kind.INVALID, "Consul's scheme must be http or https; "
                    + (config.scheme().isPresent() ? "consul's scheme" : addressFrom) + " gives another");
        }
        int colon = address.lastIndexOf(':');
        boolean hasPort = colon > 0 && colon > address.lastIndexOf(']');
        String host = hasPort ? address.substring(0, colon) : address;
        int port = hasPort ? port(addressFrom, address.substring(colon + 1)) : DEFAULT_PORT;
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new ConsulEndpoint(scheme, host, port, token(config, env), tls(config.tls(), env));
    }

    private static int port(String addressFrom, String digits) {
        if (!digits.matches("\\d{1,5}") || Integer.parseInt(digits) == 0 || Integer.parseInt(digits) > 65535) {
            throw new DiscoveryException(Kind.INVALID, addressFrom + " is not a Consul address (host:port with a"
                    + " port from 1 to 65535)");
        }
        return Integer.parseInt(digits);
    }

    public boolean https() {
        return scheme.equals("https");
    }

    /** {@code http://host:port}, for messages. */
    public String url() {
        return scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * An environment variable wins over the config (ContainerPilot's rule), and a token wins over a token file:
     * {@code CONSUL_HTTP_TOKEN}, {@code token}, {@code CONSUL_HTTP_TOKEN_FILE}, {@code tokenFile}.
     */
    private static Optional<String> token(ConsulConfig config, Map<String, String> env) {
        return nonEmpty(env, "CONSUL_HTTP_TOKEN").or(config::token)
                .or(() -> nonEmpty(env, "CONSUL_HTTP_TOKEN_FILE").map(f -> readTokenFile(f, "CONSUL_HTTP_TOKEN_FILE")))
                .or(() -> config.tokenFile().map(f -> readTokenFile(f, "consul.tokenFile")));
    }

    private static String readTokenFile(String file, String from) {
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            // Named by where it was given, not by its path, which may have come from the environment.
            String reason = e instanceof FileSystemException failed && failed.getReason() != null
                    ? e.getClass().getSimpleName() + ": " + failed.getReason() : e.getClass().getSimpleName();
            throw new DiscoveryException(Kind.INVALID, "cannot read the Consul token file (from " + from + "): "
                    + reason, e);
        }
    }

    private static TlsConfig tls(TlsConfig tls, Map<String, String> env) {
        boolean verify = nonEmpty(env, "CONSUL_HTTP_SSL_VERIFY").map(v -> parseBool("CONSUL_HTTP_SSL_VERIFY", v))
                .orElse(tls.verify());
        return new TlsConfig(
                nonEmpty(env, "CONSUL_CACERT").or(tls::caFile),
                nonEmpty(env, "CONSUL_CAPATH").or(tls::caPath),
                nonEmpty(env, "CONSUL_CLIENT_CERT").or(tls::clientCert),
                nonEmpty(env, "CONSUL_CLIENT_KEY").or(tls::clientKey),
                nonEmpty(env, "CONSUL_TLS_SERVER_NAME").or(tls::serverName),
                verify);
    }

    private static Optional<String> nonEmpty(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).filter(value -> !value.isEmpty());
    }

    private static Optional<String> schemeOf(String address) {
        int separator = address.indexOf("://");
        return separator < 0 ? Optional.empty()
                : Optional.of(address.substring(0, separator).toLowerCase(Locale.ROOT));
    }

    private static String withoutScheme(String address) {
        int separator = address.indexOf("://");
        String rest = separator < 0 ? address : address.substring(separator + 3);
        return rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest;
    }

    /** Go's {@code strconv.ParseBool}, which Consul's client uses for these variables. */
    static boolean parseBool(String name, String value) {
        return switch (value) {
            case "1", "t", "T", "true", "TRUE", "True" -> true;
            case "0", "f", "F", "false", "FALSE", "False" -> false;
            default -> throw new DiscoveryException(Kind.INVALID, name + " is not a boolean (use true or false)");
        };
    }

    @Override
    public String toString() {
        return "ConsulEndpoint[" + url() + ", token=" + token.map(t -> "(set)").orElse("(none)") + ", tls=" + tls
                + "]";
    }
}
