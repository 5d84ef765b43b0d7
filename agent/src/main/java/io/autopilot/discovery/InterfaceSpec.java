package io.autopilot.discovery;

import java.util.List;
import java.util.Objects;

/**
 * One entry of the {@code interfaces} key of a job or of telemetry: a rule that picks the IP address to advertise
 * (and, for telemetry, to listen on). {@link InterfaceSnapshot#select} tries a list of them in order.
 *
 * <p>The forms are ContainerPilot's ({@code config/services/ips.go}), with one fix: its name pattern {@code \w+}
 * rejected names such as {@code br-1a2b} or {@code eth0.100}. Here a name is anything Linux accepts as one (see
 * {@link #parse}). {@link #toString()} gives the spec back in a form {@link #parse} reads; a bare name prints as
 * {@code name:inet}, which means the same.
 */
public sealed interface InterfaceSpec {
    /**
     * Used when {@code interfaces} is absent or empty. This is what ContainerPilot's code does; its documentation
     * says only {@code ["eth0:inet"]}.
     */
    List<InterfaceSpec> DEFAULTS = List.of(new ByName("eth0", Family.INET), new ByFamily(Family.INET));

    /**
     * Reads one spec: {@code eth0} (same as {@code eth0:inet}), {@code eth0:inet}, {@code eth0:inet6},
     * {@code eth0[1]}, {@code inet}, {@code inet6}, a CIDR such as {@code 10.0.0.0/16} or {@code fdc6::/48}, or
     * {@code static:192.168.1.100}.
     *
     * <p>An interface name is 1 to 15 bytes of UTF-8 without whitespace, control characters, {@code /} or
     * {@code :} (Linux's own rule), and without {@code [} or {@code ]}, which would make {@code eth0[1]} ambiguous.
     * {@code inet} and {@code inet6} alone always mean "any interface"; an interface with one of those names is
     * written {@code inet:inet}.
     *
     * @throws IllegalArgumentException with a message for the user that names the accepted forms
     */
    static InterfaceSpec parse(String text) {
        return InterfaceSpecParser.parse(text);
    }

    /** The address family a spec asks for. */
    enum Family {
        INET, INET6;

        boolean includes(IpAddress address) {
            return address.isIpv4() == (this == INET);
        }

        @Override
        public String toString() {
            return this == INET ? "inet" : "inet6";
        }
    }

    /** {@code eth0}, {@code eth0:inet}, {@code eth0:inet6}: the first address of that family on the interface. */
    record ByName(String name, Family family) implements InterfaceSpec {
        public ByName {
            InterfaceSpecParser.requireInterfaceName(name);
            Objects.requireNonNull(family, "family");
        }

        @Override
        public String toString() {
            return name + ":" + family;
        }
    }

    /** {@code eth0[1]}: the address at this 0-based position on the interface, of either family. */
    record ByIndex(String name, int index) implements InterfaceSpec {
        public ByIndex {
            InterfaceSpecParser.requireInterfaceName(name);
            if (index < 0) {
                throw new IllegalArgumentException("an interface index is 0 or more, not " + index);
            }
        }

        @Override
        public String toString() {
            return name + "[" + index + "]";
        }
    }

    /** {@code inet}, {@code inet6}: the first address of that family on any interface, loopback addresses excepted. */
    record ByFamily(Family family) implements InterfaceSpec {
        public ByFamily {
            Objects.requireNonNull(family, "family");
        }

        @Override
        public String toString() {
            return family.toString();
        }
    }

    /**
     * {@code 10.0.0.0/16}, {@code fdc6::/48}: the first address inside the network, on any interface, loopback
     * included. Host bits are cleared, so {@code 10.0.0.7/16} is stored as {@code 10.0.0.0/16}, as Go does.
     */
    record ByCidr(IpAddress network, int prefixLength) implements InterfaceSpec {
        public ByCidr {
            int bits = network.isIpv4() ? 32 : 128;
            if (prefixLength < 0 || prefixLength > bits) {
                throw new IllegalArgumentException("prefix length " + prefixLength + " is out of range for "
                        + (network.isIpv4() ? "IPv4" : "IPv6") + " (0 to " + bits + ")");
            }
            network = network.masked(prefixLength);
        }

        /** Whether {@code address} is of the network's family and inside it. */
        public boolean contains(IpAddress address) {
            return address.isIpv4() == network.isIpv4()
                    && address.masked(prefixLength).equals(network);
        }

        @Override
        public String toString() {
            return network + "/" + prefixLength;
        }
    }

    /** {@code static:192.168.1.100}: this address, whether or not any interface has it. */
    record Static(IpAddress address) implements InterfaceSpec {
        public Static {
            Objects.requireNonNull(address, "address");
        }

        @Override
        public String toString() {
            return "static:" + address;
        }
    }
}
