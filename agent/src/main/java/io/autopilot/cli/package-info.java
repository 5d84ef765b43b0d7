/**
 * The command line: ContainerPilot's flags and ours, the client commands that talk to a running agent, and the
 * entry point. Exit codes: 0 ok, 1 invalid configuration or failed command, 2 usage error.
 */
package io.autopilot.cli;
