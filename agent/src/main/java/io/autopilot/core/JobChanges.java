package io.autopilot.core;

import io.autopilot.config.AgentConfig;
import io.autopilot.logging.Log;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** What a reload does to the jobs, in two steps on the agent's context: stop the old ones, then start the new ones. */
final class JobChanges {
    private final Agent agent;
    private final Agent.Settings settings;
    private final AgentServices services;
    private final Context context;
    private final ReloadPlan plan;
    private final Log log;

    JobChanges(Agent agent, Agent.Settings settings, AgentServices services, Context context, ReloadPlan plan) {
        this.agent = agent;
        this.settings = settings;
        this.services = services;
        this.context = context;
        this.plan = plan;
        this.log = settings.log();
    }

    /**
     * Stops the running jobs the reload removes or replaces, each through its stop sequence; completes when they
     * have ended. Hooks of other stopping jobs hear of the stop first, so none misses its source's {@code stopping}.
     * Bounded like a shutdown: when the stop timeout passes, what is left is killed; after the kill grace the reload
     * goes on without it.
     */
    Future<Void> stopOld() {
        Set<String> stopping = plan.stopping();
        List<Supervised> targets = agent.running().values().stream()
                .filter(job -> stopping.contains(job.name())).toList();
        if (targets.isEmpty()) {
            return Future.succeededFuture();
        }
        targets.forEach(agent::retire);
        Set<String> names = targets.stream().map(Supervised::name).collect(Collectors.toUnmodifiableSet());
        log.info("reload stops " + names.stream().sorted().toList());
        List<Future<Void>> hooks = targets.stream().filter(job -> plan.hooksFirst().contains(job.name()))
                .map(job -> job.stop(names)).toList();
        Future.join(hooks).onComplete(v -> targets.stream().filter(job -> !plan.hooksFirst().contains(job.name()))
                .forEach(job -> job.stop(names)));
        Promise<Void> ended = Promise.promise();
        Future.join(targets.stream().map(Supervised::completion).toList()).onComplete(v -> ended.tryComplete());
        long stopTimeout = Math.max(1, agent.config().stopTimeout().toMillis());
        long timer = services.vertx().setTimer(stopTimeout, id -> {
            List<Supervised> left = targets.stream().filter(job -> !job.completion().isComplete()).toList();
            log.warn("reload: stopTimeout " + stopTimeout + "ms passed: killing "
                    + left.stream().map(Supervised::name).toList());
            left.forEach(Supervised::kill);
            services.vertx().setTimer(Agent.KILL_GRACE.toMillis(), grace -> {
                if (ended.tryComplete()) {
                    log.error("reload: " + left.stream().filter(job -> !job.completion().isComplete())
                            .map(Supervised::name).toList() + " did not end even when killed; going on without them");
                }
            });
        });
        return OffLoop.backOn(context, ended.future()).onComplete(v -> services.vertx().cancelTimer(timer));
    }

    /**
     * Makes and starts the new and changed jobs, gives them the {@code startup} they missed once all have subscribed,
     * and tells the unchanged running jobs their pre-stop hooks in the new configuration.
     */
    Future<Void> startNew(AgentConfig next) {
        Set<String> creating = plan.creating();
        if (creating.isEmpty()) {
            replaceHooks(creating);
            return Future.succeededFuture();
        }
        record Started(List<Supervised> jobs, Future<Void> subscribed) {
        }
        return OffLoop.call(context, () -> {
            List<Supervised> jobs = settings.factory().create(next.jobs(), creating, services);
            List<Future<Void>> starts = new ArrayList<>(jobs.stream().map(Supervised::start).toList());
            return new Started(jobs, Future.all(starts).mapEmpty());
        }).compose(started -> {
            agent.adopt(started.jobs());
            return OffLoop.backOn(context, started.subscribed()).transform(subscribed -> {
                if (subscribed.failed()) {
                    log.error("reload: a new job could not subscribe: " + subscribed.cause());
                }
                if (agent.isRunning()) {
                    // Only the new jobs get startup: published on the bus it would start again the unchanged jobs
                    // that run on each startup, and count a second startup in telemetry.
                    started.jobs().forEach(Supervised::startupPassed);
                    replaceHooks(creating);
                } else {
                    // The shutdown's event was published before they subscribed: stop them as it would have.
                    started.jobs().forEach(job -> job.stop(Set.of()));
                }
                return Future.succeededFuture();
            });
        });
    }

    private void replaceHooks(Set<String> renewed) {
        Map<String, Set<String>> hooks = plan.stopHooks();
        agent.running().values().stream().filter(job -> !renewed.contains(job.name()))
                .forEach(job -> job.replaceStopHooks(hooks.getOrDefault(job.name(), Set.of()), renewed));
    }
}
