package io.autopilot.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Who the agent runs as, and whether it may start a child as someone else: that needs {@code CAP_SETUID} and
 * {@code CAP_SETGID} in its effective set (root has them, unless the container dropped them). Read once, from
 * {@code /proc/self/status}: nothing in the agent changes its own credentials.
 */
record AgentPrivileges(int uid, int gid, boolean canSwitch) {
    private static final int CAP_SETGID = 6;
    private static final int CAP_SETUID = 7;

    static AgentPrivileges read() {
        return read(Path.of("/proc/self/status"));
    }

    static AgentPrivileges read(Path status) {
        int uid = -1;
        int gid = -1;
        long capabilities = 0;
        try {
            for (String line : Files.readAllLines(status)) {
                String[] fields = line.split("\\s+");
                switch (fields[0]) {
                    case "Uid:" -> uid = Integer.parseInt(fields[2]);
                    case "Gid:" -> gid = Integer.parseInt(fields[2]);
                    case "CapEff:" -> capabilities = Long.parseUnsignedLong(fields[1], 16);
                    default -> { }
                }
            }
        } catch (IOException | RuntimeException e) {
            // Without /proc nothing can be told: assume no privilege, so a switch is refused with a clear message.
            return new AgentPrivileges(uid, gid, false);
        }
        long both = (1L << CAP_SETUID) | (1L << CAP_SETGID);
        return new AgentPrivileges(uid, gid, (capabilities & both) == both);
    }

    /**
     * Whether a child as {@code identity} needs no switch: it is who the agent is already. Without the privilege to
     * switch, the user and group are enough (the child keeps the agent's supplementary groups, which it could not
     * change anyway); with it, the groups must be the agent's too, so a switch is made whenever they differ.
     */
    boolean isAlready(Identity identity) {
        return identity.uid() == uid && identity.gid() == gid && !canSwitch;
    }

    /** Why a child as {@code identity} cannot be started, for the job's log. */
    String refusal(Identity identity) {
        return "cannot run as user " + identity + ": the agent runs as uid " + uid + " without CAP_SETUID and"
                + " CAP_SETGID (not as root), so it can only start processes as itself";
    }
}
