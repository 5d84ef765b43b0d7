/**
 * The command line: ContainerPilot's flags and ours, the client commands that talk to a running agent, and the
 * entry point. A client command loads no more than its request needs (no Vert.x, Netty or Jackson): the launcher
 * starts it with its own JVM flags and AOT cache. Exit codes: 0 ok, 1 invalid configuration or failed command, 2 usage error.
 */
package io.autopilot.cli;
