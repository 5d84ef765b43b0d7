/**
 * A real Consul for tests: the binary from {@code scripts/install-consul.sh} run as a dev agent or a small server
 * cluster on free loopback ports, started, restarted and stopped by the tests ({@link
 * io.autopilot.testing.consul.RealConsul}), and a plain HTTP view of its API for assertions.
 */
package io.autopilot.testing.consul;
