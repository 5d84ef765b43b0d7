/**
 * The agent's PID-1 duties at the system-call level, and the only package that uses {@code java.lang.foreign}: it
 * starts children with glibc's {@code posix_spawnp} (each in its own process group, with a clean signal mask and
 * dispositions, no leaked file descriptors and an explicit environment), collects every exit — its own children's
 * and re-parented orphans' — on one reaper thread so that no status is lost or misattributed, reads piped output as
 * lines of any length, and delivers the agent's own signals to a callback. It imports nothing else of ours; the JDK's
 * process API is banned from the build because its reaper races ours.
 */
package io.autopilot.process;
