/**
 * The agent's own log and the wrapping of its children's output into log entries. {@link
 * io.autopilot.logging.AgentLog} renders entries in ContainerPilot 3's three formats, byte for byte where its users'
 * tools read them: {@code default} ({@code <RFC3339Nano time> <message>}, no level, no fields), {@code text}
 * (logrus's {@code key=value} line) and {@code json} (logrus's sorted object). It writes to stdout, stderr or an
 * appended file that SIGUSR1 reopens after rotation. An entry is rendered whole by the thread that logs it and
 * written in one write under the output's lock, so lines never interleave; logging never throws, and a failing output
 * is reported once on stderr. {@link io.autopilot.logging.ChildOutput} makes the per-line sinks that tag a child's
 * output with {@code job=} or {@code check=} and {@code pid=}. Messages are written as given: nothing secret may be
 * put into one (the config's {@code toString} already masks the Consul token).
 */
package io.autopilot.logging;
