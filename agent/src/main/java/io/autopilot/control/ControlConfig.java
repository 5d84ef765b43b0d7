package io.autopilot.control;

import io.autopilot.decode.Fields;
import io.autopilot.decode.FileMode;
import io.autopilot.decode.KeyPath;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * The {@code control} block: where the control plane's Unix socket lives, and who may connect to it.
 *
 * @param socket the socket's path
 * @param mode the socket file's permission bits, {@code 0600} (owner only) unless configured: anyone who can connect
 *     can stop jobs and change the agent's environment. ContainerPilot left the umask's mode, typically {@code 0755}.
 */
public record ControlConfig(String socket, int mode) {
    public static final int DEFAULT_MODE = 0600;
    /** ContainerPilot's default path, so its client commands find us unchanged. */
    public static final ControlConfig DEFAULT = new ControlConfig("/var/run/containerpilot.socket", DEFAULT_MODE);
    /** {@link #mode()} as file permissions. */
    public Set<PosixFilePermission> permissions() {
        return FileMode.permissions(mode);
    }

    public static ControlConfig decode(Fields fields, KeyPath path) {
        String socket = fields.string("socket").orElse(DEFAULT.socket());
        if (socket.isBlank()) {
            fields.problem("socket", "must be a path");
            socket = DEFAULT.socket();
        }
        int mode = FileMode.read(fields, "mode").orElse(DEFAULT_MODE);
        return new ControlConfig(socket, mode);
    }
}
