package io.autopilot.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.testing.RawHttp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few hundred requests the control plane must refuse, sent as a broken or hostile client would over its real Unix
 * socket: malformed, oversized, deeply nested, with bad escapes or the wrong method, each also from a client that
 * half-closes its side after sending. Every one gets one well-formed HTTP/1.1 answer with the expected 4xx, the
 * connection closes, nothing reaches the agent, and the server keeps serving. The same list every run.
 */
class ControlRobustnessTest {
    private static final Duration BOUND = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void everyBadRequestGetsOneWellFormed4xxAnswerAndTheServerKeepsServing() throws Exception {
        try (var fixture = new ControlFixture(dir.resolve("control.sock")).started()) {
            List<BadRequests.Case> cases = BadRequests.all();
            List<String> wrong = new ArrayList<>();
            for (boolean halfClose : new boolean[] {false, true}) {
                for (BadRequests.Case bad : cases) {
                    RawHttp.Answer answer = RawHttp.exchange(fixture.server.socket(), bad.request(), halfClose, BOUND);
                    bad.wrongAnswer(answer, halfClose).ifPresent(wrong::add);
                }
            }

            assertThat(wrong).as("of %d requests", 2 * cases.size()).isEmpty();
            assertThat(cases.size()).isGreaterThan(150);
            assertThat(fixture.answers).hasSize(2 * cases.size());
            assertThat(fixture.events).isEmpty();
            assertThat(fixture.agent.requests()).isEmpty();
            assertThat(fixture.agent.environment()).isEmpty();
            assertThat(fixture.send("GET", "/v3/ping", "").status()).isEqualTo(200);
            assertThat(fixture.send("POST", "/v3/environ", "{\"A\":\"1\"}").status()).isEqualTo(200);
        }
    }
}
