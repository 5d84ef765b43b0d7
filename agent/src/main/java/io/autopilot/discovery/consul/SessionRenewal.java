package io.autopilot.discovery.consul;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Keeps one session alive: renews it every half TTL (a failed renewal is tried again every tenth of the TTL), and
 * tells its owner the session is lost when Consul says it is gone, or when no renewal succeeded within one TTL of
 * the sending of the last one that did. Consul invalidates a session no earlier than one TTL after the last renewal
 * it received, which is after that sending, so the owner always learns of the loss first. Confined to its owner's
 * context.
 */
final class SessionRenewal {
    private final Vertx vertx;
    private final SessionCalls calls;
    private final Duration ttl;
    private final Consumer<String> lost;
    private String session;
    private long renewTimer = -1;
    private long deadlineTimer = -1;
    private volatile long renewals;
    private volatile long failures;

    SessionRenewal(Vertx vertx, SessionCalls calls, Duration ttl, Consumer<String> lost) {
        this.vertx = vertx;
        this.calls = calls;
        this.ttl = ttl;
        this.lost = lost;
    }

    /** Follows a session created by a request sent at {@code sentNanos} ({@link System#nanoTime()}). */
    void begin(String created, long sentNanos) {
        end();
        session = created;
        alive(sentNanos);
    }

    void end() {
        session = null;
        renewTimer = cancel(renewTimer);
        deadlineTimer = cancel(deadlineTimer);
    }

    long renewals() {
        return renewals;
    }

    long failures() {
        return failures;
    }

    private void alive(long sentNanos) {
        deadlineTimer = cancel(deadlineTimer);
        long left = Duration.ofNanos(sentNanos - System.nanoTime()).plus(ttl).toMillis();
        deadlineTimer = vertx.setTimer(Math.max(1, left), id -> {
            deadlineTimer = -1;
            end();
            lost.accept("the session was not renewed within its TTL of " + ttl.toSeconds() + "s");
        });
        schedule(ttl.dividedBy(2));
    }

    private void schedule(Duration after) {
        renewTimer = cancel(renewTimer);
        renewTimer = vertx.setTimer(Math.max(1, after.toMillis()), id -> {
            renewTimer = -1;
            renew();
        });
    }

    private void renew() {
        String id = session;
        if (id == null) {
            return;
        }
        long sent = System.nanoTime();
        calls.renew(id).onComplete(renewed -> {
            if (!id.equals(session)) {
                return;
            }
            if (renewed.succeeded() && renewed.result()) {
                renewals++;
                alive(sent);
            } else if (renewed.succeeded()) {
                failures++;
                end();
                lost.accept("Consul invalidated the session");
            } else {
                failures++;
                schedule(ttl.dividedBy(10));
            }
        });
    }

    private long cancel(long timer) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        return -1;
    }
}
