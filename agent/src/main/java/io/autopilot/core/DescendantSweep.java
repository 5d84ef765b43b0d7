package io.autopilot.core;

/**
 * SIGKILLs every process still descending from the agent when the JVM exits: jobs whose group outlived the stop
 * timeout, and orphans re-parented to us (as PID 1, or through the subreaper flag). As PID 1 the kernel would kill
 * them anyway when we exit; elsewhere they would otherwise survive us, re-parented to the host's init.
 *
 * <p>Installed as a shutdown hook, so it also runs when the JVM exits some other way. It never exits itself: calling
 * {@code System.exit} in a hook deadlocks. {@code ProcessHandle.destroyForcibly} checks each process's start time,
 * so a recycled pid is never killed; enumerating and killing start no JDK reaper thread.
 */
final class DescendantSweep {
    private DescendantSweep() {
    }

    static void installOnExit() {
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("autopilot-sweep").unstarted(
                DescendantSweep::killAll));
    }

    /** Returns how many processes were sent SIGKILL. */
    static long killAll() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::destroyForcibly).count();
    }
}
