package io.autopilot.health;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Optional;

/**
 * A check the agent makes itself, over the network, without starting a process: {@code http} or {@code tcp}. Each
 * run is bounded by the check's timeout. Runs and results belong to the context that calls {@link #run}: Vert.x
 * clients answer on the context that used them, so nothing here ever blocks or needs a lock.
 */
public interface NetworkCheck {
    /** One run; call on the owner's context. Never fails: a failed check is a failing result. */
    Future<CheckResult> run();

    /** Releases the client; a run in progress ends as failing. */
    Future<Void> close();

    /** The check for {@code config}, when it is one the agent makes itself (not {@code exec}). */
    static Optional<NetworkCheck> of(Vertx vertx, CheckConfig config, Duration timeout) {
        return switch (config) {
            case HttpCheckConfig http -> Optional.of(new HttpCheck(vertx, http, timeout));
            case TcpCheckConfig tcp -> Optional.of(new TcpCheck(vertx, tcp, timeout));
            case ExecCheckConfig exec -> Optional.empty();
        };
    }

    /** What a failure to connect or read says, for the {@code unhealthy} event. */
    static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message.strip();
    }
}
