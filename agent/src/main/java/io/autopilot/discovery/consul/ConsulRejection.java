package io.autopilot.discovery.consul;

import io.autopilot.discovery.DiscoveryException;
import java.io.Serial;

/** Consul answered a request with an error status. Keeps the status and body, which tell a lost check apart. */
final class ConsulRejection extends DiscoveryException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String body;

    ConsulRejection(String request, int status, String body) {
        super(Kind.REJECTED, "Consul answered " + request + " with " + status
                + (body.isBlank() ? "" : ": " + body.strip()));
        this.status = status;
        this.body = body;
    }

    String body() {
        return body;
    }

    /**
     * Whether this is Consul saying it has no such check, i.e. it has lost our service (an agent restarted without
     * its state, or someone deregistered it). Consul 1.8 answers 500 with {@code CheckID "service:x" does not have
     * associated TTL}, or with {@code Unknown check "service:x"} when ACLs are on; later versions answer 404. Any
     * other 500 (a full disk, a lost leader) is not this and must not cause a registration.
     */
    boolean isUnknownCheck() {
        return status == 404
                || status == 500 && (body.contains("does not have associated TTL") || body.contains("Unknown check"));
    }
}
