/**
 * The configuration's event graph: which job, watch, template, signal and the agent itself publishes which events, and
 * which events start which jobs. {@code -plan} prints it as text or Graphviz DOT; the checks over it (jobs that can
 * never start, {@code each} triggers that loop) become warnings of the configuration's load.
 */
package io.autopilot.plan;
