package io.autopilot.health;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs network checks as a job does: on one Vert.x context, whose thread must also get the result. */
final class NetworkChecks implements AutoCloseable {
    static final Duration PATIENCE = Duration.ofSeconds(20);

    final Vertx vertx = Vertx.vertx();
    private final Context context = vertx.getOrCreateContext();

    NetworkCheck check(CheckConfig config, Duration timeout) {
        return NetworkCheck.of(vertx, config, timeout).orElseThrow();
    }

    CheckResult run(NetworkCheck check) throws Exception {
        CompletableFuture<CheckResult> result = new CompletableFuture<>();
        context.runOnContext(v -> check.run().onComplete(done -> {
            if (Vertx.currentContext() != context) {
                result.completeExceptionally(new AssertionError("the result came on another context"));
            } else if (done.failed()) {
                result.completeExceptionally(done.cause());
            } else {
                result.complete(done.result());
            }
        }));
        return result.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void close() throws TimeoutException {
        vertx.close().await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }
}
