package io.autopilot.health;

import io.autopilot.decode.GoDuration;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.time.Duration;

/** {@code health.tcp}: passing when a connection opens within the timeout; it is closed at once, nothing is sent. */
final class TcpCheck implements NetworkCheck {
    private final Vertx vertx;
    private final TcpCheckConfig config;
    private final Duration timeout;
    private final NetClient client;

    TcpCheck(Vertx vertx, TcpCheckConfig config, Duration timeout) {
        this.vertx = vertx;
        this.config = config;
        this.timeout = timeout;
        this.client = vertx.createNetClient(new NetClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()))));
    }

    @Override
    public Future<CheckResult> run() {
        Promise<CheckResult> result = Promise.promise();
        // The connect timeout covers the handshake only; this one also covers resolving the host name.
        long timer = vertx.setTimer(Math.max(1, timeout.toMillis()), id -> result.tryComplete(
                new CheckResult(false, "tcp " + config + ": timed out after " + GoDuration.format(timeout))));
        client.connect(config.port(), config.host()).onComplete(connected -> {
            vertx.cancelTimer(timer);
            if (connected.succeeded()) {
                connected.result().close();
                result.tryComplete(new CheckResult(true, "tcp " + config + ": connected"));
            } else {
                result.tryComplete(new CheckResult(false,
                        "tcp " + config + ": " + NetworkCheck.describe(connected.cause())));
            }
        });
        return result.future();
    }

    @Override
    public Future<Void> close() {
        return client.close();
    }
}
