package io.autopilot.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autopilot.discovery.InterfaceSpec.ByCidr;
import io.autopilot.discovery.InterfaceSpec.ByFamily;
import io.autopilot.discovery.InterfaceSpec.ByIndex;
import io.autopilot.discovery.InterfaceSpec.ByName;
import io.autopilot.discovery.InterfaceSpec.Family;
import io.autopilot.discovery.InterfaceSpec.Static;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class InterfaceSpecTest {
    @Test
    void everyFormParses() {
        assertThat(InterfaceSpec.parse("eth0")).isEqualTo(new ByName("eth0", Family.INET));
        assertThat(InterfaceSpec.parse("eth0:inet")).isEqualTo(new ByName("eth0", Family.INET));
        assertThat(InterfaceSpec.parse("eth0:inet6")).isEqualTo(new ByName("eth0", Family.INET6));
        assertThat(InterfaceSpec.parse("eth0[1]")).isEqualTo(new ByIndex("eth0", 1));
        assertThat(InterfaceSpec.parse("inet")).isEqualTo(new ByFamily(Family.INET));
        assertThat(InterfaceSpec.parse("inet6")).isEqualTo(new ByFamily(Family.INET6));
        assertThat(InterfaceSpec.parse("10.0.0.0/16")).isEqualTo(new ByCidr(IpAddress.parse("10.0.0.0"), 16));
        assertThat(InterfaceSpec.parse("fdc6::/48")).isEqualTo(new ByCidr(IpAddress.parse("fdc6::"), 48));
        assertThat(InterfaceSpec.parse("static:192.168.1.100")).isEqualTo(new Static(IpAddress.parse("192.168.1.100")));
        assertThat(InterfaceSpec.parse("static:FDC6::0:1")).hasToString("static:fdc6::1");
    }

    @Test
    void namesWithDashesDotsAndOtherLinuxCharactersAreAccepted() {
        assertThat(InterfaceSpec.parse("br-1a2b")).isEqualTo(new ByName("br-1a2b", Family.INET));
        assertThat(InterfaceSpec.parse("eth0.100:inet6")).isEqualTo(new ByName("eth0.100", Family.INET6));
        assertThat(InterfaceSpec.parse("veth0@if5[2]")).isEqualTo(new ByIndex("veth0@if5", 2));
        assertThat(InterfaceSpec.parse("enp0s3")).isEqualTo(new ByName("enp0s3", Family.INET));
        assertThat(InterfaceSpec.parse("wg_0+x%1")).isEqualTo(new ByName("wg_0+x%1", Family.INET));
        assertThat(InterfaceSpec.parse("abcdefghijklmno")).isEqualTo(new ByName("abcdefghijklmno", Family.INET));
        assertThat(InterfaceSpec.parse("inet:inet")).isEqualTo(new ByName("inet", Family.INET));
    }

    @Test
    void namesLinuxRejectsAreRejected() {
        assertThatThrownBy(() -> InterfaceSpec.parse("abcdefghijklmnop"))
                .hasMessageContaining("is 16 bytes long; Linux allows at most 15");
        assertThatThrownBy(() -> InterfaceSpec.parse("eth 0")).hasMessageContaining("contains whitespace");
        assertThatThrownBy(() -> InterfaceSpec.parse("eth\t0")).hasMessageContaining("contains whitespace");
        assertThatThrownBy(() -> InterfaceSpec.parse("..")).hasMessageContaining("cannot name an interface");
        assertThatThrownBy(() -> InterfaceSpec.parse("eth0[1")).hasMessageContaining("contains '['");
        assertThatThrownBy(() -> InterfaceSpec.parse(":inet")).hasMessageContaining("the interface name is empty");
        assertThatThrownBy(() -> new ByName("a/b", Family.INET)).hasMessageContaining("contains '/'");
    }

    @Test
    void invalidSpecsSayWhatIsWrongAndWhatIsAccepted() {
        assertThatThrownBy(() -> InterfaceSpec.parse("eth0:inet7")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("\"eth0:inet7\" is not an interface spec: unknown address family \"inet7\""
                        + " (use inet or inet6); accepted forms are eth0 (its first IPv4 address), eth0:inet,");
        assertThatThrownBy(() -> InterfaceSpec.parse("10.0.0.0/33"))
                .hasMessageContaining("prefix length 33 is out of range for IPv4 (0 to 32)");
        assertThatThrownBy(() -> InterfaceSpec.parse("fdc6::/129"))
                .hasMessageContaining("prefix length 129 is out of range for IPv6 (0 to 128)");
        assertThatThrownBy(() -> InterfaceSpec.parse("10.0.0.0/x")).hasMessageContaining("is not a whole number");
        assertThatThrownBy(() -> InterfaceSpec.parse("eth0[12345678901]")).hasMessageContaining("is too large");
        assertThat(InterfaceSpec.parse("10.0.0.0/008")).hasToString("10.0.0.0/8");
        assertThatThrownBy(() -> InterfaceSpec.parse("static:not-an-ip"))
                .hasMessageContaining("\"not-an-ip\" is not an IP address");
        assertThatThrownBy(() -> InterfaceSpec.parse("")).hasMessageContaining("not an interface spec: it is empty");
        assertThatThrownBy(() -> InterfaceSpec.parse("eth0[x]"))
                .hasMessageContaining("the index \"x\" in [...] is not a whole number");
        Stream.of("eth0:inet7", "10.0.0.0/33", "static:not-an-ip", "", "eth0[x]").forEach(text ->
                assertThatThrownBy(() -> InterfaceSpec.parse(text)).hasMessageContaining("static:192.168.1.100"));
    }

    @Test
    void staticTakesLiteralsOnlyAndNeverLooksUpNames() {
        assertThatThrownBy(() -> InterfaceSpec.parse("static:localhost"))
                .hasMessageContaining("\"localhost\" is not an IP address");
        assertThatThrownBy(() -> InterfaceSpec.parse("static:fe80::1%eth0"))
                .hasMessageContaining("a %zone suffix is not allowed");
        assertThatThrownBy(() -> InterfaceSpec.parse("static:123")).hasMessageContaining("not an IP address");
    }

    @Test
    void aBareAddressIsRejectedWithAPointerToStaticAndCidr() {
        assertThatThrownBy(() -> InterfaceSpec.parse("10.0.0.5")).hasMessageContaining(
                "it is an IP address; write static:10.0.0.5 to advertise it, or a CIDR such as 10.0.0.5/32");
        assertThatThrownBy(() -> InterfaceSpec.parse("fdc6::1")).hasMessageContaining("static:fdc6::1")
                .hasMessageContaining("fdc6::1/128");
    }

    @Test
    void anAliasLabelIsExplained() {
        assertThatThrownBy(() -> InterfaceSpec.parse("eth0:1"))
                .hasMessageContaining("an alias label such as eth0:1 is not an interface");
    }

    @Test
    void cidrHostBitsAreCleared() {
        assertThat(InterfaceSpec.parse("10.0.0.7/16")).hasToString("10.0.0.0/16");
        assertThat(InterfaceSpec.parse("fdc6::1:2/112")).hasToString("fdc6::1:0/112");
        assertThat(InterfaceSpec.parse("10.1.2.3/0")).hasToString("0.0.0.0/0");
    }

    @Test
    void anIpv4MappedCidrIsReadAsTheIpv4NetworkItNames() {
        assertThat(InterfaceSpec.parse("::ffff:10.0.0.0/104")).isEqualTo(InterfaceSpec.parse("10.0.0.0/8"));
        assertThat(InterfaceSpec.parse("::ffff:0:0/96")).isEqualTo(InterfaceSpec.parse("0.0.0.0/0"));
        assertThatThrownBy(() -> InterfaceSpec.parse("::ffff:0:0/80"))
                .hasMessageContaining("an IPv4-mapped network needs a prefix length from 96 to 128, not 80");
    }

    @Test
    void printedSpecsParseBackToThemselves() {
        Stream.of("eth0", "br-1a2b:inet6", "eth0.100[3]", "inet", "inet6", "10.0.0.0/16", "fdc6::/48",
                "static:192.168.1.100", "static:fdc6::1", "inet:inet6").map(InterfaceSpec::parse)
                .forEach(spec -> assertThat(InterfaceSpec.parse(spec.toString())).isEqualTo(spec));
        assertThat(InterfaceSpec.parse("eth0")).hasToString("eth0:inet");
    }

    @Test
    void defaultsAreEth0ThenAnyIpv4AsContainerPilotsCodeHasThem() {
        assertThat(InterfaceSpec.DEFAULTS).containsExactly(InterfaceSpec.parse("eth0:inet"), InterfaceSpec.parse("inet"));
    }
}
