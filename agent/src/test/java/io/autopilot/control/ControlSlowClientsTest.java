package io.autopilot.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.testing.Eventually;
import io.autopilot.testing.RawHttp;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that hold control connections without finishing their requests (slowloris, or a client that connects and
 * hangs): each is cut off at the request deadline, and no more than the cap are open at once; a client past the cap
 * waits until a place frees up.
 */
class ControlSlowClientsTest {
    /** Beyond the deadline: the time for the server's close to reach a loaded test machine's client. */
    private static final Duration SLACK = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void aClientTricklingItsHeadersIsCutOffAtTheRequestDeadlineWhileOthersAreAnswered() throws Exception {
        Path socket = dir.resolve("control.sock");
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try (var fixture = new ControlFixture(socket).started();
                SocketChannel slow = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            slow.write(bytes("GET /v3/ping HTTP/1.1\r\n"));
            AtomicBoolean cutOff = new AtomicBoolean();
            // A header byte every 200 ms: far within the 30 s idle timeout, and never the end of the headers.
            trickle.scheduleWithFixedDelay(() -> {
                try {
                    slow.write(bytes("x"));
                } catch (IOException e) {
                    cutOff.set(true);
                    throw new IllegalStateException("closed by the server", e);
                }
            }, 0, 200, TimeUnit.MILLISECONDS);

            assertThat(fixture.send("GET", "/v3/ping", "").status()).as("another client meanwhile").isEqualTo(200);
            Eventually.until(cutOff::get, SingleExchange.REQUEST_DEADLINE.plus(SLACK),
                    () -> "the server to close the trickling connection");
            // The decoder sees the cut-off request as malformed (400), an answer nobody is there to read.
            assertThat(fixture.answers).as("the trickling client was not served").containsOnlyOnce("/v3/ping 200")
                    .allMatch(answer -> answer.equals("/v3/ping 200") || answer.equals("/v3/ping 400"));
            assertThat(fixture.send("GET", "/v3/ping", "").status()).as("served after it").isEqualTo(200);
        } finally {
            trickle.shutdownNow();
        }
    }

    @Test
    void aClientPastTheCapWaitsUnacceptedAndIsServedOnceAPlaceFreesUp() throws Exception {
        Path socket = dir.resolve("control.sock");
        List<SocketChannel> held = new ArrayList<>();
        try (var fixture = new ControlFixture(socket).started()) {
            try {
                for (int i = 0; i < ConnectionCap.MAX_OPEN; i++) {
                    held.add(SocketChannel.open(UnixDomainSocketAddress.of(socket)));
                }
                Eventually.until(() -> fixture.log.leveled().stream()
                        .anyMatch(line -> line.contains("connections are open, the most allowed")),
                        () -> "the cap reached: " + fixture.log.leveled());
                try (RawHttp waiting = RawHttp.connect(socket)) {
                    waiting.send("GET /v3/ping HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    Eventually.holdsFor(Duration.ofMillis(500), fixture.answers::isEmpty,
                            () -> "answered past the cap: " + fixture.answers);

                    held.removeFirst().close();
                    assertThat(waiting.answer(Duration.ofSeconds(10)).status()).as("once a place is free")
                            .isEqualTo(200);
                }
            } finally {
                for (SocketChannel channel : held) {
                    channel.close();
                }
            }
            assertThat(fixture.log.leveled()).as("one warning")
                    .filteredOn(line -> line.contains("connections are open, the most allowed")).hasSize(1);
        }
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }
}
