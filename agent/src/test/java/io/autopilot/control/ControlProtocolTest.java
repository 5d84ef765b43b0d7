package io.autopilot.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.testing.RawHttp;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the control plane speaks HTTP over its real Unix socket to clients it did not write: HTTP/1.1 only, one answer
 * per connection, an answer for a client that has half-closed its side.
 */
class ControlProtocolTest {
    private static final Duration BOUND = Duration.ofSeconds(10);
    /** RFC 9113 §3.4: the connection preface, then an empty SETTINGS frame. */
    private static final byte[] H2C_PRIOR_KNOWLEDGE = concat("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII), HexFormat.of().parseHex("000000040000000000"));

    @TempDir
    Path dir;

    private Path socket() {
        return dir.resolve("control.sock");
    }

    @Test
    void anHttp2PriorKnowledgePrefaceIsRefusedNotServed() throws Exception {
        try (var fixture = new ControlFixture(socket()).started()) {
            RawHttp.Answer answer = RawHttp.exchange(socket(), H2C_PRIOR_KNOWLEDGE, false, BOUND);

            assertThat(answer.status()).as(answer.text()).isEqualTo(505);
            assertThat(answer.body()).isEqualTo("HTTP/2.0 is not spoken here: the control plane speaks HTTP/1.1\n");
            assertThat(answer.complete()).isTrue();
            assertThat(answer.closed()).isTrue();
            assertThat(fixture.answers).containsExactly("other 505");
            assertThat(fixture.send("GET", "/v3/ping", "").status()).isEqualTo(200);
        }
    }

    @Test
    void anUpgradeToHttp2IsIgnoredAndTheRequestServedInHttp11() throws Exception {
        try (var fixture = new ControlFixture(socket()).started()) {
            RawHttp.Answer answer = RawHttp.exchange(socket(), "GET /v3/ping HTTP/1.1\r\nHost: x\r\n"
                    + "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\n\r\n",
                    false, BOUND);

            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
            assertThat(answer.complete()).isTrue();
            assertThat(fixture.answers).containsExactly("/v3/ping 200");
        }
    }

    @Test
    void everyRouteAnswersAClientThatHalfClosedAfterItsRequest() throws Exception {
        try (var fixture = new ControlFixture(socket()).started()) {
            fixture.agent.takes = Duration.ofMillis(50); // a reload or a job's request answers on a later turn
            List<String> requests = List.of("GET /v3/ping", "POST /v3/environ {\"A\":\"1\"}",
                    "POST /v3/metric {\"load\":1}", "POST /v3/maintenance/enable", "POST /v3/maintenance/disable",
                    "POST /v3/reload", "GET /v3/status", "POST /v3/jobs/app/start", "POST /v3/jobs/app/stop",
                    "POST /v3/jobs/app/restart", "POST /v3/jobs/app/signal?signal=HUP", "GET /v3/nothing");
            for (String request : requests) {
                String[] parts = request.split(" ", 3);
                String body = parts.length > 2 ? parts[2] : "";
                RawHttp.Answer answer = RawHttp.exchange(socket(), parts[0] + " " + parts[1] + " HTTP/1.1\r\n"
                        + "Host: x\r\nContent-Length: " + body.length() + "\r\n\r\n" + body, true, BOUND);

                assertThat(answer.status()).as(request + " -> " + answer.text())
                        .isEqualTo(parts[1].equals("/v3/nothing") ? 404 : 200);
                assertThat(answer.complete()).as(request).isTrue();
                assertThat(answer.closed()).as(request).isTrue();
            }
            assertThat(fixture.agent.requests()).contains("reload", "app Signal[number=1]");
        }
    }

    @Test
    void aConnectionIsClosedAfterItsAnswerAsContainerPilotKeptNoConnectionAlive() throws Exception {
        try (var fixture = new ControlFixture(socket()).started()) {
            RawHttp.Answer answer = RawHttp.exchange(socket(), "GET /v3/ping HTTP/1.1\r\nHost: x\r\n\r\n", false,
                    BOUND);

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.header("Connection")).isEqualTo("close");
            assertThat(answer.closed()).isTrue();
            assertThat(fixture.answers).containsExactly("/v3/ping 200");
        }
    }

    @Test
    void aClientThatHalfClosesWithoutARequestIsLetGo() throws Exception {
        try (var fixture = new ControlFixture(socket()).started()) {
            RawHttp.Answer nothing = RawHttp.exchange(socket(), new byte[0], true, BOUND);
            RawHttp.Answer partial = RawHttp.exchange(socket(), "POST /v3/environ HTTP/1.1\r\nContent-Length: 9"
                    + "\r\n\r\n{\"A\"", true, BOUND);

            assertThat(nothing.closed()).isTrue();
            assertThat(nothing.text()).isEmpty();
            assertThat(partial.closed()).isTrue();
            assertThat(partial.status()).as(partial.text()).isIn(-1, 400);
            assertThat(fixture.agent.environment()).isEmpty();
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(first);
        both.writeBytes(second);
        return both.toByteArray();
    }
}
