package io.autopilot.services;

import io.autopilot.discovery.Discovery;
import io.autopilot.discovery.InterfaceSnapshot;
import io.autopilot.events.Event;
import io.autopilot.events.EventBus;
import io.autopilot.logging.Log;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Every service this agent registers, and what they share: the agent's maintenance mode, which the catalog applies
 * to all of them at once (deregistered on {@code enterMaintenance}, registered again with their last status on
 * {@code exitMaintenance}, which ContainerPilot 3.8 never did), and whether Consul answers.
 *
 * <p>{@link #start()} is called outside Vert.x; the other methods from any thread.
 */
public final class Registrations {
    /** Within the agent's grace for components: deregistrations are sent at once, waited for at most this long. */
    static final Duration STOP_WAIT = Duration.ofMillis(1500);

    private final List<Registration> registrations;
    private final Discovery discovery;
    private final EventBus bus;
    private final Vertx vertx;
    private final Log log;
    private volatile boolean reachable = true;
    private EventBus.Subscription subscription;

    public Registrations(List<ServicePlan> plans, Discovery discovery, EventBus bus, Vertx vertx, Log log,
            Clock clock) {
        this(plans, discovery, bus, vertx, log, clock, InterfaceSnapshot::ofMachine);
    }

    /** @param machine reads the machine's interfaces, where a service without an address looks for one */
    Registrations(List<ServicePlan> plans, Discovery discovery, EventBus bus, Vertx vertx, Log log, Clock clock,
            Supplier<InterfaceSnapshot> machine) {
        this.registrations = plans.stream()
                .map(plan -> new Registration(plan, discovery, bus, vertx, log, clock, machine)).toList();
        this.discovery = discovery;
        this.bus = bus;
        this.vertx = vertx;
        this.log = log;
    }

    /** One snapshot per service, in the configuration's order; any thread. */
    public List<RegistrationSnapshot> snapshots() {
        return registrations.stream().map(Registration::snapshot).toList();
    }

    public List<Registration> all() {
        return registrations;
    }

    /** Subscribes every registration and the maintenance handler; completes before {@code startup} may go out. */
    public Future<Void> start() {
        List<Future<Void>> starts = new ArrayList<>(registrations.stream().map(Registration::start).toList());
        Context context = vertx.getOrCreateContext();
        Promise<Void> subscribed = Promise.promise();
        context.runOnContext(v -> {
            subscription = bus.subscribe(task -> context.runOnContext(ignored -> task.run()), this::onEvent);
            subscribed.complete();
        });
        starts.add(subscribed.future());
        return Future.all(starts).mapEmpty();
    }

    /** A reload made these registrations after {@code startup}. */
    public void startupPassed() {
        registrations.forEach(Registration::startupPassed);
    }

    /** Told by the client whenever Consul starts or stops answering. */
    public void reachability(boolean answers) {
        reachable = answers;
        registrations.forEach(registration -> registration.reachability(answers));
    }

    /**
     * Deregisters every service still registered. Waits for Consul's answers only while it answers, and at most
     * {@link #STOP_WAIT}: an unreachable Consul must not hold up the container's exit (the catalog's own
     * {@code deregisterCriticalServiceAfter} or the node's health then removes what is left).
     */
    public Future<Void> stop() {
        if (subscription != null) {
            subscription.cancel();
        }
        Future<?> all = Future.join(registrations.stream().map(Registration::stop).toList());
        if (!reachable) {
            return Future.succeededFuture();
        }
        Promise<Void> done = Promise.promise();
        long timer = vertx.setTimer(STOP_WAIT.toMillis(), id -> done.tryComplete());
        all.onComplete(result -> {
            vertx.cancelTimer(timer);
            done.tryComplete();
        });
        return done.future();
    }

    private void onEvent(Event event) {
        switch (event) {
            case Event.EnterMaintenance m -> {
                log.info("maintenance: deregistering every service");
                discovery.enterMaintenance();
            }
            case Event.ExitMaintenance m -> {
                log.info("maintenance ended: registering the services again");
                discovery.exitMaintenance();
            }
            default -> {
            }
        }
    }
}
