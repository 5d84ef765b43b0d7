/**
 * Real Docker for the container tests ({@link io.autopilot.testing.docker.ContainerTest}): the host's {@code docker}
 * and {@code docker-compose} clients run through the agent's spawner, compose projects under names of their own that
 * are always taken down, ports published on 127.0.0.1 and read back, and the base images the scripts chose.
 */
package io.autopilot.testing.docker;
