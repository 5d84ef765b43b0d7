package io.autopilot.users;

import io.autopilot.process.Identity;
import java.util.List;
import java.util.Map;

/**
 * A resolved user: who a child runs as, and the variables that say so in its environment.
 *
 * @param name the user's name, or its number when the user database has no entry for it
 * @param groups the supplementary groups: the primary group first, then every group listing the user as a member
 * @param home the user's home directory; {@code /} when the user database has no entry
 */
public record Account(String name, int uid, int gid, List<Integer> groups, String home) {
    public Account {
        groups = List.copyOf(groups);
    }

    public Identity identity() {
        return new Identity(name, uid, gid, groups);
    }

    /** {@code HOME}, {@code USER} and {@code LOGNAME}, as login(1) and su(1) set them. */
    public Map<String, String> environment() {
        return Map.of("HOME", home, "USER", name, "LOGNAME", name);
    }
}
