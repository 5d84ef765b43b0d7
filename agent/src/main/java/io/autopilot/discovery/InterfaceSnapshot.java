package io.autopilot.discovery;

import java.io.UncheckedIOException;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The machine's network interfaces and their addresses at one moment, and the choice of the address to advertise
 * from them. Production code reads it with {@link #ofMachine()}; tests build it with {@link #of}.
 *
 * <p>The choice follows ContainerPilot ({@code config/services/ips.go}): specs are tried in order and the first
 * match wins; addresses are considered sorted by interface name, then by their 16-byte form, so that the answer
 * does not depend on the order the kernel lists them in, and {@code eth0[N]} counts in that order too.
 */
public record InterfaceSnapshot(List<Interface> interfaces) {
    /** One interface by its kernel name, with every address it has, in any order. */
    public record Interface(String name, List<IpAddress> addresses) {
        public Interface {
            addresses = List.copyOf(addresses);
        }

        public static Interface of(String name, String... addresses) {
            return new Interface(name, List.of(addresses).stream().map(IpAddress::parse).toList());
        }
    }

    /** An address on an interface, with its position among that interface's sorted addresses. */
    private record Candidate(String name, IpAddress address, int index) {
    }

    public InterfaceSnapshot {
        interfaces = List.copyOf(interfaces);
    }

    public static InterfaceSnapshot of(Interface... interfaces) {
        return new InterfaceSnapshot(List.of(interfaces));
    }

    /**
     * Reads the interfaces now, down ones included, as Go's {@code net.Interfaces} does. Alias labels
     * ({@code eth0:1}) are not listed apart: their addresses already belong to the parent interface.
     *
     * @throws UncheckedIOException when the kernel cannot be asked
     */
    public static InterfaceSnapshot ofMachine() {
        try {
            return new InterfaceSnapshot(NetworkInterface.networkInterfaces()
                    .map(nic -> new Interface(nic.getName(), nic.inetAddresses().map(IpAddress::new).toList()))
                    .toList());
        } catch (SocketException e) {
            throw new UncheckedIOException("cannot list the network interfaces", e);
        }
    }

    /**
     * The address picked by the first of {@code specs} that matches.
     *
     * @throws NoMatchingInterfaceException naming the specs tried and the addresses there are
     * @throws IllegalArgumentException when {@code specs} is empty (callers substitute {@link InterfaceSpec#DEFAULTS})
     */
    public IpAddress select(List<InterfaceSpec> specs) {
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("no interface specs to select an address with");
        }
        List<Candidate> candidates = candidates();
        for (InterfaceSpec spec : specs) {
            if (spec instanceof InterfaceSpec.Static(IpAddress address)) {
                return address;
            }
            for (Candidate candidate : candidates) {
                if (matches(spec, candidate)) {
                    return candidate.address();
                }
            }
        }
        throw new NoMatchingInterfaceException(noMatchMessage(specs));
    }

    private static boolean matches(InterfaceSpec spec, Candidate candidate) {
        IpAddress address = candidate.address();
        return switch (spec) {
            case InterfaceSpec.ByName(String name, InterfaceSpec.Family family) ->
                    name.equals(candidate.name()) && family.includes(address);
            case InterfaceSpec.ByIndex(String name, int index) ->
                    name.equals(candidate.name()) && index == candidate.index();
            case InterfaceSpec.ByFamily(InterfaceSpec.Family family) -> !address.isLoopback() && family.includes(address);
            case InterfaceSpec.ByCidr cidr -> cidr.contains(address);
            case InterfaceSpec.Static _ -> false;
        };
    }

    private List<Candidate> candidates() {
        List<Candidate> candidates = new ArrayList<>();
        byName().forEach((name, addresses) -> {
            for (int i = 0; i < addresses.size(); i++) {
                candidates.add(new Candidate(name, addresses.get(i), i));
            }
        });
        return candidates;
    }

    /** Addresses per interface name, names and addresses sorted; a name listed twice has its addresses merged. */
    private Map<String, List<IpAddress>> byName() {
        Map<String, List<IpAddress>> byName = new TreeMap<>();
        for (Interface nic : interfaces) {
            byName.computeIfAbsent(nic.name(), name -> new ArrayList<>()).addAll(nic.addresses());
        }
        byName.values().forEach(Collections::sort);
        return byName;
    }

    private String noMatchMessage(List<InterfaceSpec> specs) {
        String tried = specs.stream().map(InterfaceSpec::toString).collect(Collectors.joining(", "));
        Map<String, List<IpAddress>> byName = byName();
        byName.values().removeIf(List::isEmpty);
        String available = byName.isEmpty() ? "this machine has no interface with an address"
                : "this machine has " + byName.entrySet().stream()
                        .map(entry -> entry.getKey() + " (" + entry.getValue().stream().map(IpAddress::toString)
                                .collect(Collectors.joining(", ")) + ")")
                        .collect(Collectors.joining(", "));
        boolean loopbackSkipped = specs.stream().anyMatch(InterfaceSpec.ByFamily.class::isInstance)
                && byName.values().stream().flatMap(List::stream).anyMatch(IpAddress::isLoopback);
        return "no address matches the interfaces " + tried + "; " + available
                + (loopbackSkipped ? "; inet and inet6 skip loopback addresses" : "");
    }
}
