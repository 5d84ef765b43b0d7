/**
 * The agent's PID-1 duties at the system-call level, and the only package that uses {@code java.lang.foreign}: it
 * starts children with glibc's {@code posix_spawnp} (each in its own process group, with a clean signal mask and
 * dispositions, no leaked file descriptors and an explicit environment; stdin from {@code /dev/null}, or the agent's
 * own with its terminal handed over, as tini does), collects every exit — its own children's and re-parented
 * orphans', even while the agent has no child — on one reaper thread so that no status is lost or misattributed, ends
 * what a short-lived command leaves behind in its group, reads every child's piped output on one polling thread, as
 * lines in bounded pieces, and delivers the agent's own signals to a callback. Its long-lived loops survive what they
 * catch and hand errors of the JVM itself to a fatal-error handler. It imports nothing else of ours; the JDK's process
 * API is banned from the build because its reaper races ours.
 */
package io.autopilot.process;
