/**
 * The agent as init and supervisor: it turns a validated configuration into running jobs, owns the one Vert.x
 * instance they run on, routes the agent's own signals (stop, log reopen, job triggers, forwarding to the main job),
 * applies a reloaded configuration by changing only what changed ({@link io.autopilot.core.ReloadPlan}), and decides
 * when the agent is done and with which exit code. It is the only package that knows every other one;
 * the process is exited by {@code cli.Main} alone, with the code {@link io.autopilot.core.Agent#run()} returns.
 */
package io.autopilot.core;
