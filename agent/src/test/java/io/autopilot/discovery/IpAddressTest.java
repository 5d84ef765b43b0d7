package io.autopilot.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class IpAddressTest {
    @Test
    void ipv6PrintsInTheRfc5952Form() {
        assertThat(IpAddress.parse("FDC6:0:0:0:0:0:0:1")).hasToString("fdc6::1");
        assertThat(IpAddress.parse("2001:0db8:0:0:1:0:0:1")).hasToString("2001:db8::1:0:0:1");
        assertThat(IpAddress.parse("2001:db8:0:1:1:1:1:1")).hasToString("2001:db8:0:1:1:1:1:1");
        assertThat(IpAddress.parse("2001:0:0:1:0:0:0:1")).hasToString("2001:0:0:1::1");
        assertThat(IpAddress.parse("0:0:0:0:0:0:0:0")).hasToString("::");
        assertThat(IpAddress.parse("::1")).hasToString("::1");
        assertThat(IpAddress.parse("fe80::")).hasToString("fe80::");
    }

    @Test
    void ipv4PrintsDottedAndMappedIpv6BecomesIpv4() {
        assertThat(IpAddress.parse("192.168.1.100")).hasToString("192.168.1.100");
        IpAddress mapped = IpAddress.parse("::ffff:10.0.0.1");
        assertThat(mapped.isIpv4()).isTrue();
        assertThat(mapped).hasToString("10.0.0.1").isEqualTo(IpAddress.parse("10.0.0.1"));
    }

    @Test
    void scopeAndHostNameAreDropped() throws Exception {
        byte[] linkLocal = InetAddress.ofLiteral("fe80::1").getAddress();
        IpAddress scoped = new IpAddress(Inet6Address.getByAddress("host.example", linkLocal, 2));
        assertThat(scoped).hasToString("fe80::1").isEqualTo(IpAddress.parse("fe80::1"));
        assertThat(scoped.inet().getHostAddress()).doesNotContain("%");
    }

    @Test
    void onlyPlainLiteralsParse() {
        Stream.of("127.1", "010.0.0.1", "256.0.0.1", "1.2.3", "[::1]", "fe80::1%eth0", "1::2::3", "::01.2.3.4",
                "localhost", "", "0x7f.0.0.1").forEach(text -> assertThatThrownBy(() -> IpAddress.parse(text))
                        .as(text).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an IP address"));
    }

    @Test
    void ordersBySixteenByteFormWithIpv4Mapped() {
        List<IpAddress> sorted = Stream.of("fe80::1", "10.0.0.2", "fdc6::1", "::1", "9.255.255.255")
                .map(IpAddress::parse).sorted().toList();
        assertThat(sorted).map(IpAddress::toString)
                .containsExactly("::1", "9.255.255.255", "10.0.0.2", "fdc6::1", "fe80::1");
    }

    @Test
    void loopbackIsIpv4LoopbackNetworkAndIpv6One() {
        assertThat(IpAddress.parse("127.0.0.53").isLoopback()).isTrue();
        assertThat(IpAddress.parse("::1").isLoopback()).isTrue();
        assertThat(IpAddress.parse("10.0.0.1").isLoopback()).isFalse();
    }
}
