package io.autopilot.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.testing.RawHttp;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests the control plane must refuse, each at once and with what is wrong, over its real Unix socket: and a
 * route that throws is still answered.
 */
class ControlBadRequestsTest {
    /** Far below the 30 s idle timeout that a request left unanswered would wait for. */
    private static final Duration AT_ONCE = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private Path socket() {
        return dir.resolve("control.sock");
    }

    private RawHttp.Answer post(String target, String body) {
        return RawHttp.exchange(socket(), "POST " + target + " HTTP/1.1\r\nHost: x\r\nContent-Length: "
                + body.length() + "\r\n\r\n" + body, false, AT_ONCE);
    }

    private static String nested(int depth) {
        return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    @Test
    void aBodyNestedAThousandDeepIsRefusedAtOnceWhereTheNestingStarts() throws Exception {
        try (var fixture = new ControlFixture(socket()).started()) {
            for (String target : new String[] {"/v3/environ", "/v3/metric", "/v3/jobs/app/signal"}) {
                RawHttp.Answer objects = post(target, nested(1000));
                RawHttp.Answer arrays = post(target, "{\"a\":" + "[".repeat(1000) + "]".repeat(1000) + "}");

                assertThat(objects.status()).as(target + ": " + objects.text()).isEqualTo(422);
                assertThat(objects.body()).isEqualTo("the value of a is an object: nothing in a body is nested\n");
                assertThat(arrays.status()).as(target).isEqualTo(422);
                assertThat(arrays.body()).startsWith("the value of a is an array");
            }
            assertThat(post("/v3/environ", "[".repeat(1000)).body())
                    .isEqualTo("the body must be a JSON object, not an array\n");
            assertThat(fixture.events).isEmpty();
            assertThat(fixture.agent.requests()).isEmpty();
        }
    }

    @Test
    void whateverARouteThrowsIsAnswered500AndLogged() throws Exception {
        try (var fixture = new ControlFixture(socket()).started()) {
            fixture.agent.defect = new NoClassDefFoundError("io/autopilot/Missing");
            RawHttp.Answer thrown = post("/v3/environ", "{\"A\":\"1\"}");
            RawHttp.Answer failed = post("/v3/reload", "");
            fixture.agent.defect = new IllegalStateException("broken");
            RawHttp.Answer runtime = post("/v3/environ", "{\"A\":\"1\"}");

            assertThat(thrown.status()).as(thrown.text()).isEqualTo(500);
            assertThat(thrown.body()).isEqualTo("the request failed: java.lang.NoClassDefFoundError:"
                    + " io/autopilot/Missing\n");
            assertThat(failed.status()).as(failed.text()).isEqualTo(500);
            assertThat(runtime.status()).isEqualTo(500);
            assertThat(fixture.log.leveled()).contains(
                    "WARN control: POST /v3/environ failed: java.lang.NoClassDefFoundError: io/autopilot/Missing",
                    "WARN control: POST /v3/reload failed: java.lang.NoClassDefFoundError: io/autopilot/Missing",
                    "WARN control: POST /v3/environ failed: java.lang.IllegalStateException: broken");
            assertThat(fixture.answers).containsExactly("/v3/environ 500", "/v3/reload 500", "/v3/environ 500");
            fixture.agent.defect = null;
            assertThat(fixture.send("POST", "/v3/environ", "{\"A\":\"1\"}").status()).isEqualTo(200);
        }
    }

    @Test
    void aBadPercentEscapeInThePathOrQueryIs400() throws Exception {
        try (var fixture = new ControlFixture(socket()).started()) {
            assertThat(post("/v3/jobs/%ZZ/start", "")).satisfies(answer -> {
                assertThat(answer.status()).as(answer.text()).isEqualTo(400);
                assertThat(answer.body()).isEqualTo("\"/v3/jobs/%ZZ/start\": \"%ZZ\" is not a percent-escape (a '%'"
                        + " takes two hex digits)\n");
            });
            assertThat(post("/v3/jobs/app%/start", "").status()).isEqualTo(400);
            assertThat(post("/v3/jobs/app%4/start", "").status()).isEqualTo(400);
            assertThat(post("/v3/jobs/app/signal?signal=%G1", "").body()).contains("\"%G1\" is not a percent-escape");
            assertThat(post("/v3/jobs/app/signal?x=%&signal=HUP", "").status()).isEqualTo(400);
            assertThat(post("/v3/jobs/%FF%FE/start", "").body()).contains("do not decode to UTF-8 text");
            assertThat(post("/v3/p%ing", "").status()).isEqualTo(400);
            assertThat(fixture.agent.requests()).isEmpty();
            assertThat(fixture.answers).allMatch(answer -> answer.endsWith(" 400"));
        }
    }

    @Test
    void escapesAreDecodedOncePerSegmentSoASlashStaysInAJobsName() throws Exception {
        try (var fixture = new ControlFixture(socket()).started()) {
            assertThat(post("/v3/jobs/a%2Fb/start", "").body()).startsWith("no job named \"a/b\"");
            assertThat(post("/v3/jobs/a+b/start", "").body()).startsWith("no job named \"a+b\"");
            assertThat(post("/v3/jobs/%61pp/signal?signal=%48UP", "").status()).isEqualTo(200);
            assertThat(post("/v3/jobs/app/signal?signal=+HUP", "").body()).contains("\" HUP\" is not a signal");
            assertThat(fixture.agent.requests()).containsExactly("app Signal[number=1]");
        }
    }

    @Test
    void aMetricValueThatIsNotFiniteIsRefusedWithTheReasonForEveryType() throws Exception {
        try (var fixture = new ControlFixture(socket()).started()) {
            for (String metric : new String[] {"requests", "load", "latency", "unknown"}) {
                for (String value : new String[] {"\"Infinity\"", "\"-Infinity\"", "\"NaN\"", "1e400", "\"1e400\"",
                        "-1e400"}) {
                    RawHttp.Answer answer = post("/v3/metric", "{\"" + metric + "\":" + value + "}");

                    assertThat(answer.status()).as(metric + "=" + value + ": " + answer.text()).isEqualTo(422);
                    assertThat(answer.body()).as(metric + "=" + value)
                            .startsWith("the value of metric " + metric + " is not a finite number: ");
                }
            }
            assertThat(post("/v3/metric", "{\"requests\":\"1f\"}").body())
                    .isEqualTo("the value of metric requests is not a number: \"1f\"\n");
            assertThat(post("/v3/metric", "{\"requests\":\"-1\"}").body())
                    .isEqualTo("metric requests: a counter only grows: -1.0 is negative\n");
            assertThat(fixture.events).isEmpty();
        }
    }

    @Test
    void aMalformedRequestLineOrHeaderIsAnsweredWithWhatIsWrong() throws Exception {
        try (var fixture = new ControlFixture(socket()).started()) {
            RawHttp.Answer garbage = RawHttp.exchange(socket(), "GARBAGE\r\n\r\n", false, AT_ONCE);
            RawHttp.Answer longLine = RawHttp.exchange(socket(), "GET /" + "a".repeat(5000) + " HTTP/1.1\r\n\r\n",
                    false, AT_ONCE);
            RawHttp.Answer longHeader = RawHttp.exchange(socket(), "GET /v3/ping HTTP/1.1\r\nX: "
                    + "a".repeat(9000) + "\r\n\r\n", false, AT_ONCE);
            RawHttp.Answer badLength = RawHttp.exchange(socket(), "POST /v3/environ HTTP/1.1\r\nContent-Length: -5"
                    + "\r\n\r\n", false, AT_ONCE);
            RawHttp.Answer badChunk = RawHttp.exchange(socket(), "POST /v3/metric HTTP/1.1\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\nzz\r\n", false, AT_ONCE);

            assertThat(garbage.status()).as(garbage.text()).isEqualTo(400);
            assertThat(garbage.body()).startsWith("the request is not valid HTTP/1.1: ");
            assertThat(longLine.status()).as(longLine.text()).isEqualTo(414);
            assertThat(longHeader.status()).as(longHeader.text()).isEqualTo(431);
            assertThat(badLength.status()).as(badLength.text()).isEqualTo(400);
            assertThat(badChunk.status()).as(badChunk.text()).isEqualTo(400);
            assertThat(garbage.complete() && longLine.complete() && longHeader.complete() && badLength.complete()
                    && badChunk.complete()).isTrue();
            assertThat(fixture.answers).hasSize(5);
            assertThat(fixture.send("GET", "/v3/ping", "").status()).isEqualTo(200);
        }
    }
}
