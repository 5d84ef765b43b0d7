package io.autopilot.process;

import java.util.List;
import java.util.Objects;

/**
 * Who a child runs as: its user and group ids and its supplementary groups, all numeric (names are resolved by the
 * caller, which knows where the user database is).
 *
 * @param name the user as the configuration named it, for messages
 * @param groups the supplementary groups, as {@code initgroups} gives them: the primary group and every group that
 *     lists the user as a member
 */
public record Identity(String name, int uid, int gid, List<Integer> groups) {
    /** Linux's own limit on supplementary groups ({@code NGROUPS_MAX}). */
    public static final int MAX_GROUPS = 65_536;

    public Identity {
        Objects.requireNonNull(name, "name");
        groups = List.copyOf(groups);
        if (uid < 0 || gid < 0 || groups.stream().anyMatch(g -> g < 0)) {
            throw new IllegalArgumentException("ids are 0 to 2^31-1: " + uid + ":" + gid + " " + groups);
        }
        if (groups.size() > MAX_GROUPS) {
            throw new IllegalArgumentException(groups.size() + " supplementary groups, above " + MAX_GROUPS);
        }
    }

    @Override
    public String toString() {
        return "\"" + name + "\" (uid " + uid + ", gid " + gid + ")";
    }
}
