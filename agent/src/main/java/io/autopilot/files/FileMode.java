package io.autopilot.files;

import io.autopilot.decode.Fields;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** A file's permission bits, written in octal as {@code chmod} takes them ({@code "0644"}). */
final class FileMode {
    /** What a new file gets when no mode is given, as consul-template. */
    static final int DEFAULT = 0644;

    private FileMode() {
    }

    /** JSON has no octal numbers: the mode is read by its digits, as chmod reads them ({@code 644} is 0644). */
    static Optional<Integer> parse(Fields fields, String key, String text) {
        if (!text.matches("0?[0-7]{3}")) {
            fields.problem(key, "must be permission bits in octal, such as \"0644\" or \"0600\", not \"" + text + "\"");
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(text, 8));
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = PosixFilePermission.values(); // OWNER_READ … OTHERS_EXECUTE, high bit first
        for (int i = 0; i < order.length; i++) {
            if ((mode & (1 << (order.length - 1 - i))) != 0) {
                permissions.add(order[i]);
            }
        }
        return permissions;
    }

    static int mode(Set<PosixFilePermission> permissions) {
        PosixFilePermission[] order = PosixFilePermission.values();
        int mode = 0;
        for (int i = 0; i < order.length; i++) {
            if (permissions.contains(order[i])) {
                mode |= 1 << (order.length - 1 - i);
            }
        }
        return mode;
    }
}
