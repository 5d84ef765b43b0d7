package io.autopilot.core;

import io.autopilot.logging.Log;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;

/**
 * Stops components within a grace: the agent's way out after its last job, and a reload's replaced components. A
 * component that does not stop in time (a deregistration Consul never answers) is left behind with a warning, so
 * neither the exit nor the reload waits on it for ever.
 */
final class ComponentGrace {
    /** How long components may take to stop (deregistrations, closing sockets). */
    static final Duration GRACE = Duration.ofSeconds(2);

    private ComponentGrace() {
    }

    /**
     * Stops {@code parts}; completes on {@code context} once all have stopped or, with a warning, once the grace has
     * passed.
     */
    static Future<Void> stop(Vertx vertx, Context context, Log log, List<Component> parts, String logPrefix) {
        Promise<Void> stopped = Promise.promise();
        long timer = vertx.setTimer(GRACE.toMillis(), id -> {
            log.warn(logPrefix + "components did not stop within " + GRACE.toMillis() + "ms");
            stopped.tryComplete();
        });
        Future.join(parts.stream().map(Component::stop).toList()).onComplete(done -> context.runOnContext(v -> {
            vertx.cancelTimer(timer);
            stopped.tryComplete();
        }));
        return stopped.future();
    }
}
