package io.autopilot.discovery;

import java.io.Serial;

/**
 * None of a job's or telemetry's interface specs matched an address on this machine. ContainerPilot makes this a
 * fatal configuration error; the message names the specs tried and every interface address there is, so the user
 * can see which spec to write.
 */
public final class NoMatchingInterfaceException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    public NoMatchingInterfaceException(String message) {
        super(message);
    }
}
