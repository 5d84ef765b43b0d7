/**
 * Scenario tests: the packaged agent ({@code target/autopilot}) really running as PID 1 of its own pid namespace, as
 * in a container, driven and observed from the host. {@link io.autopilot.scenarios.PidOneAgent} starts it under
 * {@code unshare}, signals it by its host pid and waits for its exit code; the fixtures' scripts record what the
 * jobs saw into the scenario's work folder; {@link io.autopilot.scenarios.ProcessTable} reads the namespace's
 * processes from the host's {@code /proc}. Every wait is for a condition, bounded, and its failure shows the agent's
 * log tail. The scenarios are ContainerPilot 3's integration tests (test_reap_zombies, test_sigterm, test_sighup,
 * test_tasks, test_coprocess, test_logging, test_reopen, test_envvars) with exact assertions, plus the exit-code and
 * signal rules of tini and dumb-init. They run in failsafe, after packaging ({@code *IT}).
 */
package io.autopilot.scenarios;
