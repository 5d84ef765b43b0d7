/**
 * The packaged agent as the init of real Docker containers ({@link io.autopilot.testing.docker.ContainerTest}):
 * {@code docker stop}, {@code docker kill -s}, {@code docker exec} and a read-only root file system, each asserted
 * from the outside, as Docker reports it. The examples' container tests live with the examples.
 */
package io.autopilot.containers;
