package io.autopilot.faults;

import io.autopilot.testing.consul.ConsulApi;
import java.net.InetSocketAddress;
import java.util.function.IntFunction;

/**
 * The Consul a fleet runs against, as {@link FleetScenario} needs it.
 *
 * @param name how the figures name the case
 * @param api where the test registers the watched service and reads the catalog (not through the counting proxy)
 * @param upstream the Consul HTTP address agent {@code i} talks to, through its port of the proxy
 * @param down takes Consul away: the agents find it unreachable
 * @param up brings it back and returns once it answers with a leader
 */
record FleetConsul(String name, ConsulApi api, IntFunction<InetSocketAddress> upstream, Runnable down, Runnable up) {
    static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
}
