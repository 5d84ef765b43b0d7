package io.autopilot.process;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * As PID 1, a child of the agent's own that only ends with the agent, so that the reaper's {@code waitid} always has a
 * child to block on. Without one, {@code waitid} fails at once with ECHILD and could not wake for an orphan: and as
 * PID 1 orphans come even when the agent has no child, from processes that entered the container from outside
 * ({@code docker exec}) and left something running behind them; the kernel gives those to the namespace's init. A
 * blocked {@code waitid} reports them as they exit, like any child, with no SIGCHLD handler and no polling.
 *
 * <p>The anchor is {@code /bin/sh} waiting to read a line from a pipe nobody writes to: the launcher is a
 * {@code /bin/sh} script, so that shell is in every image that runs the agent. The agent holds the pipe's only write
 * end (close-on-exec, so no other child inherits it), so when the agent ends, however it ends, the shell reads end
 * of file and exits. It shows in the container's process list as {@code sh -c read autopilot_reaper_anchor}. Its
 * fields are guarded by the reaper's lock.
 */
final class WaitAnchor {
    private static final SpawnRequest REQUEST = new SpawnRequest(List.of("/bin/sh", "-c",
            "read autopilot_reaper_anchor"), Map.of(), Optional.empty(), Output.inherit(), Output.inherit());

    private int pid;
    private int writeEnd = -1;

    /** Starts the anchor; throws {@link NativeError} if it cannot be started. */
    void start() {
        var pipe = Pipe.open();
        try (var plan = new SpawnPlan(REQUEST, ChildStreams.readingFrom(pipe.readEnd()))) {
            pid = plan.start();
        } catch (RuntimeException e) {
            pipe.closeBoth();
            throw e;
        }
        Libc.close(pipe.readEnd());
        writeEnd = pipe.writeEnd();
    }

    boolean is(int pid) {
        return this.pid != 0 && this.pid == pid;
    }

    /** The anchor was reaped (someone killed it): let it go, so that the reaper starts another. */
    void ended() {
        Libc.close(writeEnd);
        writeEnd = -1;
        pid = 0;
    }
}
