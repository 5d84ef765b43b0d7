package io.autopilot.decode;

import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/** A file's permission bits, written in octal as chmod takes them ({@code "0644"}): a template's, the control socket's. */
public final class FileMode {
    private FileMode() {
    }

    /**
     * The mode under {@code key}, if given. JSON has no octal numbers: the mode is read by its digits, as chmod reads
     * them ({@code 644} is 0644); anything else is a problem, and empty.
     */
    public static Optional<Integer> read(Fields fields, String key) {
        return fields.string(key).flatMap(text -> {
            if (!text.matches("0?[0-7]{3}")) {
                fields.problem(key, "\"" + text + "\" is not an octal file mode such as \"0644\" or \"0600\"");
                return Optional.empty();
            }
            return Optional.of(Integer.parseInt(text, 8));
        });
    }

    public static Set<PosixFilePermission> permissions(int mode) {
        StringBuilder text = new StringBuilder();
        for (int shift = 6; shift >= 0; shift -= 3) {
            int bits = mode >> shift & 7;
            text.append((bits & 4) != 0 ? 'r' : '-').append((bits & 2) != 0 ? 'w' : '-')
                    .append((bits & 1) != 0 ? 'x' : '-');
        }
        return PosixFilePermissions.fromString(text.toString());
    }

    public static int mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            mode |= 1 << (8 - permission.ordinal()); // OWNER_READ … OTHERS_EXECUTE: the bits from 0400 down
        }
        return mode;
    }
}
