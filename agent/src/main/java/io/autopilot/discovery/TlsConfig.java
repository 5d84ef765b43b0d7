package io.autopilot.discovery;

import io.autopilot.decode.Fields;
import io.autopilot.decode.KeyPath;
import java.util.Optional;

/**
 * TLS towards Consul: the {@code consul.tls} block. Certificate verification is on unless {@code verify: false}
 * (ContainerPilot turned it off unless asked; see docs/compatibility.md).
 */
public record TlsConfig(
        Optional<String> caFile,
        Optional<String> caPath,
        Optional<String> clientCert,
        Optional<String> clientKey,
        Optional<String> serverName,
        boolean verify) {

    public static final TlsConfig DEFAULT = new TlsConfig(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), true);

    static TlsConfig decode(Fields fields, KeyPath path) {
        Optional<String> clientCert = path(fields, "clientcert");
        Optional<String> clientKey = path(fields, "clientkey");
        if (clientCert.isPresent() != clientKey.isPresent()) {
            fields.problem(clientCert.isPresent() ? "clientkey" : "clientcert",
                    "is required with \"" + (clientCert.isPresent() ? "clientcert" : "clientkey") + "\"");
        }
        return new TlsConfig(path(fields, "cafile"), path(fields, "capath"), clientCert, clientKey,
                path(fields, "servername"), fields.bool("verify", true));
    }

    private static Optional<String> path(Fields fields, String key) {
        return fields.string(key).filter(value -> !value.isBlank());
    }
}
