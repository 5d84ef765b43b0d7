/** The agent's own log and the wrapping of its children's output into log entries. */
package io.autopilot.logging;
