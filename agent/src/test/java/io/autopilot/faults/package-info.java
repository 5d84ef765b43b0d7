/**
 * The fault-injection suite: the packaged agent, as PID 1 of its own namespaces where the case is about PID 1, under
 * the faults a fleet meets (hostile control clients, orphan storms, misbehaving jobs, broken output, signal storms,
 * a SIGTERM at any moment of the start-up, and, in their own classes, Consul's faults and a simulated fleet). Each
 * case runs bounded in the suite and longer by hand through a system property, prints its figures as
 * {@code fault: <case>: …} lines for docs/reliability.md, and asserts only what must always hold. It reuses the
 * scenario fixtures of {@link io.autopilot.scenarios} and the control plane's list of bad requests.
 */
package io.autopilot.faults;
