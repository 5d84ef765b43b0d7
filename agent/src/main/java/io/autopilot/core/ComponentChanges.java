package io.autopilot.core;

import io.autopilot.config.AgentConfig;
import io.autopilot.logging.Log;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a reload does to the components: the factory makes those of the new configuration; each running component
 * whose successor (same name) has an equal {@link Component#configuration()} stays, the successor dropped unstarted
 * (for {@link Component#WHOLE_CONFIGURATION}, if the whole configuration is equal);
 * the others are stopped (bounded by the component grace) and their successors, and new components, started.
 */
final class ComponentChanges {
    private final Agent agent;
    private final Agent.Settings settings;
    private final AgentServices services;
    private final Context context;
    private final Log log;
    private List<Component> started = List.of();

    ComponentChanges(Agent agent, Agent.Settings settings, AgentServices services, Context context) {
        this.agent = agent;
        this.settings = settings;
        this.services = services;
        this.context = context;
        this.log = settings.log();
    }

    /** @return the names of the components stopped, started or replaced, in the new configuration's order */
    Future<List<String>> apply(AgentConfig next) {
        return OffLoop.call(context, () -> settings.components().create(next, services)).compose(fresh -> {
            Map<String, Component> successors = new LinkedHashMap<>();
            fresh.forEach(component -> successors.put(component.name(), component));
            Map<String, Component> kept = new LinkedHashMap<>();
            List<Component> stopping = new ArrayList<>();
            for (Component running : agent.components()) {
                Component successor = successors.get(running.name());
                if (successor != null && unchanged(running.configuration(), successor.configuration(), next)) {
                    kept.put(running.name(), running);
                } else {
                    stopping.add(running); // stopped before its successor starts: they may share a socket or a port
                }
            }
            List<Component> starting = fresh.stream().filter(c -> !kept.containsKey(c.name())).toList();
            List<Component> result = fresh.stream().map(c -> kept.getOrDefault(c.name(), c)).toList();
            List<String> touched = new ArrayList<>(starting.stream().map(Component::name).toList());
            stopping.stream().map(Component::name).filter(name -> !touched.contains(name)).forEach(touched::add);
            if (touched.isEmpty()) {
                return Future.succeededFuture(List.<String>of());
            }
            log.info("reload restarts components " + touched);
            return stop(stopping)
                    .compose(v -> OffLoop.call(context, () -> Future.join(starting.stream().map(Component::start)
                            .toList())))
                    .compose(starts -> OffLoop.backOn(context, starts).transform(done -> {
                        if (done.failed()) {
                            log.error("reload: a component could not start: " + done.cause());
                        }
                        started = starting;
                        return Future.succeededFuture();
                    }))
                    .map(v -> {
                        agent.components(result);
                        return List.copyOf(touched);
                    });
        });
    }

    /**
     * {@code startup} went out long ago: the components this reload started act now as they would have on it. Called
     * once the reload's new jobs have subscribed too, for the invariant of the start: nothing a new part publishes
     * (a new watch's first {@code changed}) may go out before every new part that may start on it has subscribed.
     */
    void startupPassed() {
        started.forEach(Component::startupPassed);
    }

    private boolean unchanged(Object before, Object after, AgentConfig next) {
        if (before == Component.WHOLE_CONFIGURATION && after == Component.WHOLE_CONFIGURATION) {
            return agent.config().equals(next);
        }
        return Objects.equals(before, after);
    }

    private Future<Void> stop(List<Component> stopping) {
        return stopping.isEmpty() ? Future.succeededFuture() : ComponentGrace.stop(services.vertx(), context, log,
                stopping, "reload: ");
    }
}
