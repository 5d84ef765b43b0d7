package io.autopilot.core;

import io.autopilot.config.AgentConfig;
import io.autopilot.config.ConfigException;
import io.autopilot.decode.Origin;
import io.autopilot.decode.Problem;
import io.autopilot.logging.Log;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Serves {@link Agent#reload()}: one reload at a time, the requests that come meanwhile served together by the next
 * one. Confined to the agent's context, like the agent's state it changes.
 *
 * <p>One reload: load and validate the file off the event loop, on a thread of its own (an invalid one changes
 * nothing; a slow file system delays only the reload, never a health check or a spawn); apply a changed
 * {@code logging} block; make the new configuration's components; stop the jobs it removes or replaces (hooks first,
 * bounded by the stop timeout, then killed); stop the components it replaces; make and start the new jobs and
 * components; hand the new jobs the {@code startup} they missed; tell the unchanged jobs their new pre-stop hooks.
 */
final class Reloader {
    private final Agent agent;
    private final Agent.Settings settings;
    private final AgentServices services;
    private final Context context;
    private final Log log;
    private boolean inProgress;
    private List<Promise<ReloadResult>> waiting = new ArrayList<>();

    Reloader(Agent agent, Agent.Settings settings, AgentServices services, Context context) {
        this.agent = agent;
        this.settings = settings;
        this.services = services;
        this.context = context;
        this.log = settings.log();
    }

    Future<ReloadResult> request() {
        Promise<ReloadResult> result = Promise.promise();
        context.runOnContext(v -> onRequest(result));
        return result.future();
    }

    boolean inProgress() {
        return inProgress;
    }

    /** The agent has published {@code startup}: a reload asked for while it started runs now. */
    void agentRunning() {
        if (!inProgress && !waiting.isEmpty()) {
            next();
        }
    }

    /** The agent shuts down: the reloads not begun yet are refused (one in progress refuses itself). */
    void agentStopping() {
        List<Promise<ReloadResult>> refused = waiting;
        waiting = new ArrayList<>();
        refused.forEach(p -> p.complete(new ReloadResult.Refused("the agent is shutting down")));
    }

    private void onRequest(Promise<ReloadResult> result) {
        if (agent.isStopping()) {
            log.warn("reload refused: the agent is shutting down");
            result.complete(new ReloadResult.Refused("the agent is shutting down"));
            return;
        }
        waiting.add(result);
        if (inProgress) {
            log.info("reload requested while one runs: it will run again when that one is over");
        } else if (agent.isRunning()) {
            next();
        }
    }

    private void next() {
        List<Promise<ReloadResult>> served = waiting;
        waiting = new ArrayList<>();
        inProgress = true;
        log.info("reloading the configuration");
        reloadOnce().recover(e -> {
            if (e instanceof Error) {
                services.errors().report("reload", e); // fatal if the JVM is failing; a bug of ours otherwise
            }
            log.error("reload failed: " + e);
            return Future.succeededFuture(new ReloadResult.Refused("the reload failed: " + e.getMessage()));
        }).onComplete(done -> {
            inProgress = false;
            served.forEach(p -> p.complete(done.result()));
            if (!agent.isRunning()) {
                agentStopping();
                agent.finishIfAllEnded();
                return;
            }
            agent.finishIfAllEnded();
            if (!waiting.isEmpty()) {
                next();
            }
        });
    }

    private Future<ReloadResult> reloadOnce() {
        var environment = services.environment().snapshot(); // with what -putenv has set
        return OffLoop.call(context, () -> settings.source().load(environment))
                .transform(loaded -> {
                    if (loaded.failed()) {
                        return Future.succeededFuture(rejected(loaded.cause()));
                    }
                    return applyLogging(loaded.result()).compose(problem -> problem == null
                            ? apply(loaded.result())
                            : Future.succeededFuture(new ReloadResult.Rejected(List.of(problem))));
                });
    }

    private ReloadResult rejected(Throwable cause) {
        if (!(cause instanceof ConfigException invalid)) {
            if (cause instanceof Error) {
                services.errors().report("reload", cause); // fatal if the JVM is failing; a bug of ours otherwise
            }
            log.error("reload rejected: could not load the configuration: " + cause);
            return new ReloadResult.Rejected(List.of(new Problem("", "could not load the configuration: " + cause,
                    Origin.UNKNOWN)));
        }
        log.error("reload rejected: the new configuration has " + invalid.problems().size()
                + (invalid.problems().size() == 1 ? " problem" : " problems") + "; the agent keeps the old one");
        invalid.problems().forEach(problem -> log.error("  " + problem));
        return new ReloadResult.Rejected(invalid.problems());
    }

    /** A changed {@code logging} block first: a log output that cannot be opened rejects the whole reload. */
    private Future<Problem> applyLogging(AgentConfig next) {
        if (next.logging().equals(agent.config().logging())) {
            return Future.succeededFuture();
        }
        return OffLoop.call(context, () -> {
            try {
                settings.logControl().reconfigure(next.logging());
                return null;
            } catch (IOException e) {
                return new Problem("logging.output", "cannot open " + next.logging().output() + ": "
                        + e.getMessage(), Origin.UNKNOWN);
            }
        }).onSuccess(problem -> {
            if (problem != null) {
                log.error("reload rejected: " + problem);
            }
        });
    }

    private Future<ReloadResult> apply(AgentConfig next) {
        if (!agent.isRunning()) {
            return Future.succeededFuture(new ReloadResult.Refused("the agent is shutting down"));
        }
        next.warnings().forEach(warning -> log.warn("configuration: " + warning));
        ReloadPlan plan = ReloadPlan.of(agent.config().jobs(), next.jobs());
        JobChanges jobs = new JobChanges(agent, settings, services, context, plan);
        ComponentChanges components = new ComponentChanges(agent, settings, services, context);
        RollingReload rolling = new RollingReload(settings.factory(), services, context, log);
        return rolling.acquire(Set.copyOf(plan.restarted()), agent.running().keySet(), next.jobs())
                .compose(v -> jobs.stopOld())
                .compose(v -> components.apply(next))
                .compose(replaced -> {
                    if (!agent.isRunning()) {
                        rolling.giveUpAll("the agent is stopping");
                        return Future.succeededFuture(new ReloadResult.Refused(
                                "the agent began to shut down during the reload"));
                    }
                    return jobs.startNew(next).map(v -> {
                        rolling.releaseWhenHealthy(next.jobs());
                        components.startupPassed(); // after the new jobs subscribed: they may start on what it sends
                        return applied(next, plan, replaced);
                    });
                });
    }

    private ReloadResult applied(AgentConfig next, ReloadPlan plan, List<String> components) {
        agent.config(next);
        var result = new ReloadResult.Applied(plan.added(), plan.restarted(), plan.removed(), components);
        log.info(result.summary());
        return result;
    }
}
