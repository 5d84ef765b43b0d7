package io.autopilot.control;

import io.autopilot.decode.Fields;
import io.autopilot.decode.KeyPath;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
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
        StringBuilder text = new StringBuilder();
        for (int shift = 6; shift >= 0; shift -= 3) {
            int bits = mode >> shift & 7;
            text.append((bits & 4) != 0 ? 'r' : '-').append((bits & 2) != 0 ? 'w' : '-')
                    .append((bits & 1) != 0 ? 'x' : '-');
        }
        return PosixFilePermissions.fromString(text.toString());
    }

    public static ControlConfig decode(Fields fields, KeyPath path) {
        String socket = fields.string("socket").orElse(DEFAULT.socket());
        if (socket.isBlank()) {
            fields.problem("socket", "must be a path");
            socket = DEFAULT.socket();
        }
        int mode = fields.string("mode").map(text -> {
            if (!text.matches("0?[0-7]{3}")) {
                fields.problem("mode", "\"" + text + "\" is not an octal file mode such as \"0600\" or \"0660\"");
                return DEFAULT_MODE;
            }
            return Integer.parseInt(text, 8);
        }).orElse(DEFAULT_MODE);
        return new ControlConfig(socket, mode);
    }
}
