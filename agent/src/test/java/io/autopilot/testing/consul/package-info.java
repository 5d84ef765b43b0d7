/**
 * A real Consul for tests: the binary from {@code scripts/install-consul.sh} run as a dev agent or a small server
 * cluster on free loopback ports or, where there is no binary but a Docker daemon (and always for
 * {@code @RealConsul(Where.DOCKER)}), a dev agent in a container published on 127.0.0.1
 * ({@link io.autopilot.testing.consul.ConsulSource}); started, restarted and stopped by the tests ({@link
 * io.autopilot.testing.consul.RealConsul}), and a plain HTTP view of its API for assertions.
 */
package io.autopilot.testing.consul;
