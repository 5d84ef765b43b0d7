package io.autopilot.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autopilot.discovery.InterfaceSnapshot.Interface;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class InterfaceSnapshotTest {
    /** Listed out of order on purpose: selection must not depend on the order the kernel reports. */
    private static final InterfaceSnapshot CONTAINER = InterfaceSnapshot.of(
            Interface.of("lo", "::1", "127.0.0.1"),
            Interface.of("eth1", "fdc6::5", "10.1.0.5"),
            Interface.of("eth0", "fe80::1", "192.168.1.20", "fdc6::9", "10.0.0.9"),
            Interface.of("eth0.100", "10.100.0.2"),
            Interface.of("br-1a2b", "172.18.0.1"));

    private static final InterfaceSnapshot LOOPBACK_ONLY = InterfaceSnapshot.of(
            Interface.of("lo", "127.0.0.1", "::1"));

    private static String select(InterfaceSnapshot snapshot, String... specs) {
        return snapshot.select(Stream.of(specs).map(InterfaceSpec::parse).toList()).toString();
    }

    @Test
    void aNameMeansTheLowestIpv4OfThatInterface() {
        assertThat(select(CONTAINER, "eth0")).isEqualTo("10.0.0.9");
        assertThat(select(CONTAINER, "eth0:inet")).isEqualTo("10.0.0.9");
        assertThat(select(CONTAINER, "eth0:inet6")).isEqualTo("fdc6::9");
        assertThat(select(CONTAINER, "lo:inet6")).isEqualTo("::1");
    }

    @Test
    void namesWithDashesAndDotsResolveToTheirOwnInterface() {
        assertThat(select(CONTAINER, "br-1a2b")).isEqualTo("172.18.0.1");
        assertThat(select(CONTAINER, "eth0.100")).isEqualTo("10.100.0.2");
    }

    @Test
    void anIndexCountsBothFamiliesInSixteenByteOrder() {
        assertThat(Stream.of("eth0[0]", "eth0[1]", "eth0[2]", "eth0[3]").map(spec -> select(CONTAINER, spec)))
                .containsExactly("10.0.0.9", "192.168.1.20", "fdc6::9", "fe80::1");
        assertThat(select(CONTAINER, "lo[0]")).isEqualTo("::1");
    }

    @Test
    void anIndexPastTheLastAddressMatchesNothing() {
        assertThatThrownBy(() -> select(CONTAINER, "eth0[4]")).isInstanceOf(NoMatchingInterfaceException.class);
        assertThat(select(CONTAINER, "eth0[4]", "eth1[1]")).isEqualTo("fdc6::5");
    }

    @Test
    void inetTakesTheFirstInterfaceByNameAndSkipsLoopback() {
        assertThat(select(CONTAINER, "inet")).isEqualTo("172.18.0.1");
        assertThat(select(CONTAINER, "inet6")).isEqualTo("fdc6::9");
        assertThatThrownBy(() -> select(LOOPBACK_ONLY, "inet")).isInstanceOf(NoMatchingInterfaceException.class);
        assertThatThrownBy(() -> select(LOOPBACK_ONLY, "inet6")).isInstanceOf(NoMatchingInterfaceException.class);
    }

    @Test
    void namesIndexesAndCidrsMayPickLoopback() {
        assertThat(select(LOOPBACK_ONLY, "lo")).isEqualTo("127.0.0.1");
        assertThat(select(LOOPBACK_ONLY, "lo[1]")).isEqualTo("127.0.0.1");
        assertThat(select(LOOPBACK_ONLY, "127.0.0.0/8")).isEqualTo("127.0.0.1");
        assertThat(select(LOOPBACK_ONLY, "::1/128")).isEqualTo("::1");
    }

    @Test
    void aCidrMatchesOnlyItsOwnFamily() {
        assertThat(select(CONTAINER, "10.1.0.0/16")).isEqualTo("10.1.0.5");
        assertThat(select(CONTAINER, "10.0.0.0/8")).isEqualTo("10.0.0.9");
        assertThat(select(CONTAINER, "fdc6::/48")).isEqualTo("fdc6::9");
        assertThat(select(CONTAINER, "fdc6::5/128")).isEqualTo("fdc6::5");
        assertThat(select(CONTAINER, "0.0.0.0/0")).isEqualTo("172.18.0.1");
        assertThat(select(CONTAINER, "::/0")).isEqualTo("fdc6::9");
        assertThatThrownBy(() -> select(InterfaceSnapshot.of(Interface.of("eth0", "10.0.0.1")), "::/0"))
                .isInstanceOf(NoMatchingInterfaceException.class);
    }

    @Test
    void specsAreTriedInOrderAndTheFirstMatchWins() {
        assertThat(select(CONTAINER, "eth9", "fdc6::/16", "inet")).isEqualTo("fdc6::9");
        assertThat(select(CONTAINER, "static:10.9.9.9", "eth0")).isEqualTo("10.9.9.9");
        assertThat(select(CONTAINER, "eth0", "static:10.9.9.9")).isEqualTo("10.0.0.9");
    }

    @Test
    void aStaticAddressNeedsNoInterface() {
        assertThat(select(InterfaceSnapshot.of(), "eth0", "static:fdc6:0::7")).isEqualTo("fdc6::7");
    }

    @Test
    void theKernelsListingOrderDoesNotChangeTheChoice() {
        List<Interface> reversed = new ArrayList<>();
        for (Interface nic : CONTAINER.interfaces()) {
            List<IpAddress> addresses = new ArrayList<>(nic.addresses());
            Collections.reverse(addresses);
            reversed.addFirst(new Interface(nic.name(), addresses));
        }
        InterfaceSnapshot shuffled = new InterfaceSnapshot(reversed);
        Stream.of("eth0", "eth0[1]", "eth0:inet6", "inet", "inet6", "10.0.0.0/8", "fdc6::/16")
                .forEach(spec -> assertThat(select(shuffled, spec)).as(spec).isEqualTo(select(CONTAINER, spec)));
    }

    @Test
    void theDefaultsPreferEth0ThenAnyIpv4() {
        assertThat(CONTAINER.select(InterfaceSpec.DEFAULTS)).hasToString("10.0.0.9");
        InterfaceSnapshot withoutEth0 = InterfaceSnapshot.of(Interface.of("lo", "127.0.0.1"),
                Interface.of("ens5", "fdc6::3", "10.4.0.3"));
        assertThat(withoutEth0.select(InterfaceSpec.DEFAULTS)).hasToString("10.4.0.3");
    }

    @Test
    void noMatchNamesTheSpecsTriedAndEveryAddressThereIs() {
        InterfaceSnapshot snapshot = InterfaceSnapshot.of(Interface.of("lo", "::1", "127.0.0.1"),
                Interface.of("eth0", "fe80::1"), Interface.of("dummy0"));
        assertThatThrownBy(() -> select(snapshot, "eth0", "inet", "10.0.0.0/8"))
                .isInstanceOf(NoMatchingInterfaceException.class)
                .hasMessage("no address matches the interfaces eth0:inet, inet, 10.0.0.0/8; this machine has"
                        + " eth0 (fe80::1), lo (::1, 127.0.0.1); inet and inet6 skip loopback addresses");
        assertThatThrownBy(() -> select(InterfaceSnapshot.of(), "eth0"))
                .hasMessage("no address matches the interfaces eth0:inet; this machine has no interface with an address");
    }

    @Test
    void anEmptySpecListIsACallersMistake() {
        assertThatThrownBy(() -> CONTAINER.select(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no interface specs");
    }

    @Test
    void thisMachinesOwnInterfacesResolve() {
        InterfaceSnapshot machine = InterfaceSnapshot.ofMachine();
        List<IpAddress> present = machine.interfaces().stream().flatMap(nic -> nic.addresses().stream()).toList();
        assertThat(present).as("no address keeps a scope suffix").allSatisfy(address ->
                assertThat(address.toString()).doesNotContain("%"));

        assertThat(select(machine, "static:192.0.2.1")).isEqualTo("192.0.2.1");
        if (!present.isEmpty()) {
            String chosen = select(machine, "inet", "inet6", "0.0.0.0/0", "::/0");
            assertThat(present).map(IpAddress::toString).contains(chosen);
        }
    }
}
