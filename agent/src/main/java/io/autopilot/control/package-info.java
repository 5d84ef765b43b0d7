/** The control plane: HTTP over a Unix socket, used by the agent's own client commands. */
package io.autopilot.control;
