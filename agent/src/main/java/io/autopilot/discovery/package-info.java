/**
 * Service discovery: how jobs are registered (service settings, interface selection) and how the agent reaches
 * Consul. Jobs, watches and telemetry describe what they need here; the Consul client lives behind it.
 */
package io.autopilot.discovery;
