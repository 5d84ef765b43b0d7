package io.autopilot.health;

import io.autopilot.decode.GoDuration;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * {@code health.http}: one request per run on a fresh connection (as Consul's HTTP checks, which disable keep-alive:
 * each run proves the server still accepts connections). Redirects are not followed: a 3xx is the status judged.
 * The result of a failing status carries the first bytes of the body, which is all that is ever read of it.
 */
final class HttpCheck implements NetworkCheck {
    static final int BODY_SHOWN = 512;

    private final Vertx vertx;
    private final HttpCheckConfig config;
    private final Duration timeout;
    private final HttpClientAgent client;

    HttpCheck(Vertx vertx, HttpCheckConfig config, Duration timeout) {
        this.vertx = vertx;
        this.config = config;
        this.timeout = timeout;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setKeepAlive(false)
                .setTrustAll(!config.verifyTls())
                .setVerifyHost(config.verifyTls()));
    }

    /**
     * Never throws: Vert.x's client throws "Client is closed" from the caller's stack when a run falls due after
     * {@link #close()} (the agent closes every client as it exits), and the run then fails like any other.
     */
    @Override
    public Future<CheckResult> run() {
        Future<HttpClientRequest> requested;
        try {
            requested = client.request(options());
        } catch (IllegalStateException closed) {
            return Future.succeededFuture(failing("not run: " + closed.getMessage()));
        }
        Promise<CheckResult> result = Promise.promise();
        Promise<HttpClientRequest> sent = Promise.promise();
        long timer = vertx.setTimer(Math.max(1, timeout.toMillis()), id ->
                result.tryComplete(failing("timed out after " + GoDuration.format(timeout))));
        requested.onComplete(sent);
        sent.future()
                .compose(request -> result.future().isComplete() ? Future.failedFuture("timed out") : request.send())
                .onSuccess(response -> judge(response, result))
                .onFailure(failure -> result.tryComplete(failing(NetworkCheck.describe(failure))));
        return result.future().andThen(done -> {
            vertx.cancelTimer(timer);
            // Ends the exchange whatever state it is in: a timed-out request, or a body not read to its end.
            sent.future().onSuccess(HttpClientRequest::reset);
        });
    }

    @Override
    public Future<Void> close() {
        return client.close();
    }

    private RequestOptions options() {
        long millis = Math.max(1, timeout.toMillis());
        RequestOptions options = new RequestOptions()
                .setAbsoluteURI(config.url().toString())
                .setMethod(HttpMethod.valueOf(config.method()))
                .setFollowRedirects(false)
                .setConnectTimeout(millis);
        config.headers().forEach((name, values) -> options.putHeader(name, List.<CharSequence>copyOf(values)));
        return options;
    }

    private void judge(HttpClientResponse response, Promise<CheckResult> result) {
        String status = response.statusCode() + " " + response.statusMessage();
        // The exchange is reset as soon as the result is known; that reset is no news to report.
        response.exceptionHandler(ignored -> { });
        if (config.status().accepts(response.statusCode())) {
            result.tryComplete(new CheckResult(true, config + ": " + status));
            return;
        }
        Buffer body = Buffer.buffer();
        String expected = config.status().equals(StatusCodes.SUCCESS) ? "" : " (expected " + config.status() + ")";
        Runnable report = () -> result.tryComplete(failing(status + expected + shown(body)));
        response.handler(chunk -> {
            body.appendBuffer(chunk, 0, Math.min(chunk.length(), BODY_SHOWN - body.length()));
            if (body.length() >= BODY_SHOWN) {
                report.run();
            }
        });
        response.endHandler(v -> report.run());
        response.exceptionHandler(e -> report.run());
    }

    private static String shown(Buffer body) {
        String text = body.toString(StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "" : ": " + text;
    }

    private CheckResult failing(String why) {
        return new CheckResult(false, config + ": " + why);
    }
}
