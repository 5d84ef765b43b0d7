package io.autopilot.services;

import io.autopilot.discovery.CheckStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * A registration at one moment, for readers on any thread ({@code /status}, metrics).
 *
 * @param status the TTL check's status as last sent (or to be sent once registered)
 * @param output the check's last note: what a failing check printed, {@code ok} after a passing one
 * @param address empty while the service has none ({@link RegistrationState#NO_ADDRESS})
 * @param since when {@code state} last changed
 * @param reason why the service is not registered, while that is not up to its check ({@code NO_ADDRESS}); else empty
 */
public record RegistrationSnapshot(String source, String serviceId, String serviceName, String address, int port,
        RegistrationState state, CheckStatus status, String output, Instant since, String reason) {

    public RegistrationSnapshot {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(reason, "reason");
    }
}
