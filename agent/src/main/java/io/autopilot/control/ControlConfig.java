package io.autopilot.control;

import io.autopilot.decode.Fields;
import io.autopilot.decode.KeyPath;

/** The {@code control} block: where the control plane's Unix socket lives. */
public record ControlConfig(String socket) {
    /** ContainerPilot's default, so its client commands find us unchanged. */
    public static final ControlConfig DEFAULT = new ControlConfig("/var/run/containerpilot.socket");

    public static ControlConfig decode(Fields fields, KeyPath path) {
        String socket = fields.string("socket").orElse(DEFAULT.socket());
        if (socket.isBlank()) {
            fields.problem("socket", "must be a path");
            return DEFAULT;
        }
        return new ControlConfig(socket);
    }
}
