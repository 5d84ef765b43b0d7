package io.autopilot.core;

import io.autopilot.decode.GoDuration;
import io.autopilot.discovery.SessionLock;
import io.autopilot.events.Event;
import io.autopilot.events.EventBus;
import io.autopilot.jobs.JobConfig;
import io.autopilot.jobs.RollingConfig;
import io.autopilot.logging.Log;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A reload's part in {@code rolling}: before it stops a running job it restarts (its configuration changed) and whose
 * new configuration has {@code rolling}, it takes a slot of that job's semaphore, while the old process keeps
 * running; once the new job publishes {@code healthy}, or after {@code healthyTimeout}, it gives the slot up. The
 * reload waits for every slot it needs before it stops anything. On the agent's context.
 */
final class RollingReload {
    private final JobFactory factory;
    private final AgentServices services;
    private final Context context;
    private final Log log;
    private final Map<String, SessionLock> slots = new HashMap<>();
    private final Map<String, Long> timers = new HashMap<>();
    private EventBus.Subscription healthy;

    RollingReload(JobFactory factory, AgentServices services, Context context, Log log) {
        this.factory = factory;
        this.services = services;
        this.context = context;
        this.log = log;
    }

    /** Takes a slot for each running job of {@code restarted} whose next configuration has {@code rolling}. */
    Future<Void> acquire(Set<String> restarted, Set<String> running, List<JobConfig> next) {
        List<JobConfig> gated = next.stream().filter(job -> restarted.contains(job.name())
                && running.contains(job.name()) && job.rolling().isPresent()).toList();
        if (gated.isEmpty()) {
            return Future.succeededFuture();
        }
        Promise<Void> all = Promise.promise();
        context.runOnContext(v -> Future.all(gated.stream().map(this::take).toList()).onComplete(taken -> {
            if (taken.failed()) {
                log.warn("reload: a rolling restart's slot could not be taken (" + taken.cause().getMessage()
                        + "): restarting without it");
            }
            all.complete();
        }));
        return all.future();
    }

    private Future<Void> take(JobConfig job) {
        RollingConfig rolling = job.rolling().orElseThrow();
        Optional<SessionLock> made = factory.locks().semaphore(rolling, job.name(),
                reason -> log.warn("reload: lost the slot of " + rolling.key() + ": " + reason));
        if (made.isEmpty()) {
            return Future.failedFuture("the agent cannot use Consul");
        }
        slots.put(job.name(), made.get());
        log.info("reload: " + job.name() + " waits for one of the " + rolling.max() + " slots of " + rolling.key());
        return made.get().acquire().onSuccess(held -> log.info("reload: took a slot of " + rolling.key()
                + "; restarting " + job.name()));
    }

    /** After the new jobs have started: each slot is given up on its job's {@code healthy}, or after the timeout. */
    void releaseWhenHealthy(List<JobConfig> next) {
        context.runOnContext(v -> {
            if (slots.isEmpty()) {
                return;
            }
            healthy = services.bus().subscribe(task -> context.runOnContext(ignored -> task.run()), event -> {
                if (event instanceof Event.Healthy(String source)) {
                    release(source, "healthy again");
                }
            });
            next.stream().filter(job -> slots.containsKey(job.name())).forEach(job -> {
                var timeout = job.rolling().orElseThrow().healthyTimeout();
                timers.put(job.name(), services.vertx().setTimer(Math.max(1, timeout.toMillis()),
                        id -> release(job.name(), "not healthy within healthyTimeout " + GoDuration.format(timeout))));
            });
        });
    }

    /** The reload ends without new jobs (the agent is stopping): every slot is given up at once. */
    void giveUpAll(String why) {
        context.runOnContext(v -> List.copyOf(slots.keySet()).forEach(job -> release(job, why)));
    }

    private void release(String job, String why) {
        SessionLock slot = slots.remove(job);
        if (slot == null) {
            return;
        }
        Optional.ofNullable(timers.remove(job)).ifPresent(services.vertx()::cancelTimer);
        log.info("reload: " + job + " " + why + "; gave its rolling slot up");
        slot.release();
        if (slots.isEmpty() && healthy != null) {
            healthy.cancel();
        }
    }
}
