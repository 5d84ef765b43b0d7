package io.autopilot.scenarios;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Samples the agent's children and fails when one stays a zombie: a zombie that lingers is one nobody reaps. A
 * single snapshot may catch a child in the instant between its exit and its reaping, so only a zombie seen again
 * after {@code grace} counts. Also keeps the largest number of live children seen with a given command, which shows
 * a scenario really made orphans for the agent to reap.
 */
public final class ZombieWatch {
    private final long agentPid;
    private final Duration grace;
    private final String orphanCommand;
    private final Map<String, Long> firstSeen = new HashMap<>();
    private int mostOrphans;

    public ZombieWatch(long agentPid, Duration grace, String orphanCommand) {
        this.agentPid = agentPid;
        this.grace = grace;
        this.orphanCommand = orphanCommand;
    }

    /** Takes one sample; throws when a zombie child of the agent has outlived the grace period. */
    public void sample() {
        long now = System.nanoTime();
        ProcessTable table = ProcessTable.read();
        List<ProcessTable.Entry> zombies = table.zombieChildrenOf(agentPid);
        for (ProcessTable.Entry zombie : zombies) {
            long since = firstSeen.computeIfAbsent(zombie.pid() + "@" + zombie.startTicks(), k -> now);
            if (now - since > grace.toNanos()) {
                throw new AssertionError("zombie " + zombie + " has been a child of the agent (" + agentPid
                        + ") for more than " + grace + ": it is not being reaped; zombies now: " + zombies);
            }
        }
        int orphans = (int) table.byPid().values().stream()
                .filter(e -> e.ppid() == agentPid && !e.isZombie() && e.commandLine().equals(orphanCommand)).count();
        mostOrphans = Math.max(mostOrphans, orphans);
    }

    public int zombieChildren() {
        return ProcessTable.read().zombieChildrenOf(agentPid).size();
    }

    /** The most live processes running {@code orphanCommand} seen at once with the agent as their parent. */
    public int mostOrphans() {
        return mostOrphans;
    }
}
