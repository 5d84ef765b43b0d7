package io.autopilot.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TcpCheckTest {
    private final NetworkChecks checks = new NetworkChecks();

    @AfterEach
    void close() throws Exception {
        checks.close();
    }

    @Test
    void anOpenPortPasses() throws Exception {
        try (var server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            var check = checks.check(new TcpCheckConfig("127.0.0.1", server.getLocalPort()), Duration.ofSeconds(5));

            assertThat(checks.run(check))
                    .isEqualTo(new CheckResult(true, "tcp 127.0.0.1:" + server.getLocalPort() + ": connected"));
        }
    }

    @Test
    void aClosedPortFailsWithConnectionRefused() throws Exception {
        int port = closedPort();
        var check = checks.check(new TcpCheckConfig("127.0.0.1", port), Duration.ofSeconds(5));

        CheckResult result = checks.run(check);

        assertThat(result.passing()).isFalse();
        assertThat(result.output()).startsWith("tcp 127.0.0.1:" + port + ": ").containsIgnoringCase("refused");
    }

    @Test
    void anIpv6AddressIsShownInBrackets() {
        assertThat(TcpCheckConfig.parse("[::1]:6379")).get().hasToString("[::1]:6379");
    }

    /** A port that was just free: nothing listens on it (the kernel does not hand it out again at once). */
    static int closedPort() throws Exception {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
