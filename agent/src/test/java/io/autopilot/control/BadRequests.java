package io.autopilot.control;

import io.autopilot.testing.RawHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A few hundred requests the control plane must refuse, as a broken or hostile client would send them: malformed,
 * oversized, deeply nested, with bad escapes or the wrong method, each with the 4xx it must get. The same list every
 * run. They assume a running job named {@code app}.
 */
public final class BadRequests {
    private static final List<String> POST_ROUTES = List.of("/v3/environ", "/v3/reload", "/v3/metric",
            "/v3/maintenance/enable", "/v3/maintenance/disable", "/v3/jobs/app/start", "/v3/jobs/app/stop",
            "/v3/jobs/app/restart", "/v3/jobs/app/signal?signal=HUP");
    private static final List<String> BODY_ROUTES = List.of("/v3/environ", "/v3/metric", "/v3/jobs/app/signal");
    private static final List<String> BAD_BODIES = List.of("", " \r\n", "not json", "{", "{\"a\":", "{\"a\" 1}",
            "[]", "null", "1", "\"text\"", "{\"a\":true}", "{\"signal\":true}", "{\"a\":[1]}", "{\"a\":{}}",
            "{\"a\":\"b\"}{}", "{\"a\":\"b\",}", "{'a':'b'}", "{\"a\":NaN}", "\u00ff\u00fe{}", "{\"a\":\"\u00c3\"}",
            "{\"a\":".repeat(1000) + "1" + "}".repeat(1000), "{\"a\":" + "[".repeat(1000) + "]".repeat(1000) + "}",
            "[".repeat(100_000));

    /** One request as bytes (ISO-8859-1), and the status it must get. */
    public record Case(String request, int status) {
        /**
         * What is wrong with {@code answer} to this request, if anything: not exactly one well-formed answer with
         * the expected status, or a connection left open after it.
         */
        public Optional<String> wrongAnswer(RawHttp.Answer answer, boolean halfClosed) {
            // The server answers 413 and closes while such a client may still be sending: the kernel then resets the
            // connection, and the client can lose the answer it had not read yet (the server does not linger to
            // drain the rest). The server's own count of answers still holds every one.
            boolean resetBeforeRead = status == 413 && answer.text().isEmpty() && answer.closed();
            if (resetBeforeRead || answer.status() == status && answer.complete() && answer.closed()) {
                return Optional.empty();
            }
            return Optional.of((halfClosed ? "half-closed " : "") + shown(request) + " -> " + status
                    + " expected, got " + shown(answer.text()) + (answer.closed() ? "" : " (left open)"));
        }
    }

    private static Case post(String target, String body, int status) {
        return new Case("POST " + target + " HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length() + "\r\n\r\n"
                + body, status);
    }

    /** Every request of the list, in the same order every time. */
    public static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        for (String route : POST_ROUTES) {
            for (String method : List.of("GET", "PUT", "DELETE", "PATCH", "OPTIONS")) {
                cases.add(new Case(method + " " + route + " HTTP/1.1\r\nHost: x\r\n\r\n", 405));
            }
        }
        for (String method : List.of("POST", "PUT", "DELETE")) {
            cases.add(new Case(method + " /v3/status HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", 405));
        }
        for (String path : List.of("/", "/v3", "/v3/", "/v3/jobs", "/v3/jobs/", "/v3/jobs/app", "/v3/jobs/app/pause",
                "/v3/jobs/app/start/now", "/v2/ping", "/v3/ping/", "/v3/environ/x", "/v3/jobs//start", "*")) {
            cases.add(post(path, "", 404));
        }
        for (String target : List.of("/v3/jobs/%ZZ/start", "/v3/jobs/%/start", "/v3/jobs/a%4/start",
                "/v3/jobs/%G0/start", "/v3/jobs/%FF/start", "/v3/jobs/%C3%28/start", "/v3/%zz",
                "/v3/jobs/app/signal?signal=%", "/v3/jobs/app/signal?%zz=1", "/v3/environ?x=%E2%82")) {
            cases.add(post(target, "{}", 400));
        }
        for (String route : BODY_ROUTES) {
            for (String body : BAD_BODIES) {
                cases.add(post(route, body, 422));
            }
        }
        for (String route : BODY_ROUTES) {
            cases.add(new Case("POST " + route + " HTTP/1.1\r\nContent-Length: " + (ControlHandler.MAX_BODY_BYTES + 1)
                    + "\r\n\r\n{", 413));
        }
        String chunk = "{".repeat(64 * 1024);
        cases.add(new Case("POST /v3/environ HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                + (Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n").repeat(17) + "0\r\n\r\n", 413));
        cases.add(new Case("GET /" + "a".repeat(5000) + " HTTP/1.1\r\n\r\n", 414));
        cases.add(new Case("GET /v3/ping HTTP/1.1\r\nX: " + "a".repeat(9000) + "\r\n\r\n", 431));
        cases.add(new Case("GET /v3/ping HTTP/1.1\r\n" + "X: 1\r\n".repeat(3000) + "\r\n", 431));
        for (String malformed : List.of("GARBAGE\r\n\r\n", "\u0001\u0002\u0003 / HTTP/1.1\r\n\r\n",
                "POST /v3/environ HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
                "POST /v3/environ HTTP/1.1\r\nContent-Length: abc\r\n\r\n",
                "POST /v3/environ HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n{",
                "POST /v3/environ HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n{}",
                "POST /v3/environ HTTP/1.1\r\nContent-Length : 2\r\n\r\n{}",
                "POST /v3/metric HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
                "POST /v3/metric HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}XX0\r\n\r\n",
                "GET /v3/ping HTTP/1.1\r\nNo colon here\r\n\r\n")) {
            cases.add(new Case(malformed, 400));
        }
        return cases;
    }

    private static String shown(String text) {
        String head = text.length() > 120 ? text.substring(0, 120) + "…(" + text.length() + " chars)" : text;
        return head.replace("\r", "\\r").replace("\n", "\\n");
    }

    private BadRequests() {
    }
}
