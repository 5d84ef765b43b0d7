package io.autopilot.services;

import io.autopilot.discovery.CheckStatus;
import io.autopilot.discovery.Discovery;
import io.autopilot.discovery.DiscoveryException;
import io.autopilot.discovery.InterfaceSnapshot;
import io.autopilot.events.Event;
import io.autopilot.events.EventBus;
import io.autopilot.logging.Log;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * One service in the catalog, driven by its job's events: an actor confined to its own Vert.x context.
 *
 * <ul>
 *   <li>{@code startup}: with {@code initial_status}, registers at once with it; with a heartbeat (no check), passes
 *       now and every interval.</li>
 *   <li>{@code healthy}: the first registers the service passing (ContainerPilot's lazy registration); later ones
 *       pass the TTL check, which restarts its TTL.</li>
 *   <li>{@code unhealthy}: sets the check critical at once, the check's output as its note. ContainerPilot only let
 *       the TTL run out, so a failing instance kept receiving traffic for up to a TTL.</li>
 *   <li>{@code stopping} of its job: deregisters. The job publishes it before it waits for its pre-stop hooks and
 *       before it signals its process, so the instance leaves the catalog (and other containers' watches) while the
 *       app still serves; a pre-stop hook gives the drain as long as it needs. ContainerPilot deregistered in the job's
 *       cleanup, when the stop signal had already been sent.</li>
 *   <li>no address: when none of the job's interfaces had one as the plan was made, the service waits in
 *       {@link RegistrationState#NO_ADDRESS}, its reason in the snapshot, while an {@link AddressSearch} looks again
 *       from {@code startup} on; what would have registered it meanwhile registers it once an address matches.
 *       ContainerPilot refused to start instead.</li>
 *   <li>maintenance: heartbeats pause ({@link Registrations} has the catalog deregister and later restore every
 *       service); when Consul answers again, the current status is sent, which also registers the service again if
 *       Consul lost it meanwhile.</li>
 * </ul>
 *
 * <p>{@link #start()} is called outside Vert.x; the other public methods from any thread.
 */
public final class Registration {
    private static final String PASSING_OUTPUT = "ok";

    private volatile ServicePlan plan;
    private final Discovery discovery;
    private final EventBus bus;
    private final Vertx vertx;
    private final Log log;
    private final RegistrationStatus status;
    private volatile Context context;
    private EventBus.Subscription subscription;
    private long heartbeatTimer = -1;
    private boolean registered;
    private String lastFailure = "";
    private final Supplier<InterfaceSnapshot> machine;
    private AddressSearch search;
    /** A registration asked for while there was no address: it is made once one is found. */
    private boolean registrationWanted;
    /** Why the last look for an address found none; empty before the first. */
    private String missedFor = "";
    /** The deregistration once sent (at its job's {@code stopping}): the agent's stop waits for it too. */
    private Future<Void> deregistration = Future.succeededFuture();

    /** @param machine reads the machine's interfaces, where a plan without an address looks for one */
    Registration(ServicePlan plan, Discovery discovery, EventBus bus, Vertx vertx, Log log, Clock clock,
            Supplier<InterfaceSnapshot> machine) {
        this.machine = machine;
        this.plan = plan;
        this.discovery = discovery;
        this.bus = bus;
        this.vertx = vertx;
        this.log = log.with("job", plan.source());
        this.status = new RegistrationStatus(plan, clock);
    }

    public ServicePlan plan() {
        return plan;
    }

    public RegistrationSnapshot snapshot() {
        return status.snapshot();
    }

    /** Takes a context of its own and subscribes there; completes once subscribed, before {@code startup}. */
    public Future<Void> start() {
        context = vertx.getOrCreateContext();
        Promise<Void> subscribed = Promise.promise();
        context.runOnContext(v -> {
            status.maintenance(discovery.inMaintenance());
            subscription = bus.subscribe(task -> context.runOnContext(ignored -> task.run()), this::onEvent);
            subscribed.complete();
        });
        return subscribed.future();
    }

    /** A reload made this registration after {@code startup}: it registers now (or once its job is healthy). */
    public void startupPassed() {
        context.runOnContext(v -> onEvent(new Event.Startup()));
    }

    /** Deregisters the service unless it is gone already; completes when Consul has confirmed it. */
    public Future<Void> stop() {
        Promise<Void> stopped = Promise.promise();
        Context own = context;
        if (own == null) {
            return Future.succeededFuture();
        }
        own.runOnContext(v -> {
            if (subscription != null) {
                subscription.cancel();
            }
            end("the agent is stopping").onComplete(stopped);
        });
        return stopped.future();
    }

    /** Consul answers again, or stopped answering; any thread. */
    public void reachability(boolean reachable) {
        Context own = context;
        if (own != null) {
            own.runOnContext(v -> onReachability(reachable));
        }
    }

    private void onEvent(Event event) {
        if (status.ended()) {
            return;
        }
        String source = plan.source();
        switch (event) {
            case Event.Startup s -> onStartup();
            case Event.Healthy(String from) when from.equals(source) -> passed();
            case Event.Unhealthy(String from, String output) when from.equals(source) -> failed(output);
            case Event.Stopping(String from) when from.equals(source) -> end("its job is stopping");
            case Event.EnterMaintenance m -> status.maintenance(true);
            case Event.ExitMaintenance m -> {
                status.maintenance(false);
                plan.heartbeat().ifPresent(every -> passed());
            }
            default -> {
            }
        }
    }

    private void onStartup() {
        if (plan.needsAddress() && search == null) {
            lookForAddress();
        }
        if (plan.registerAtOnce()) {
            register(plan.registration().initialStatus(), "", " with initial status "
                    + plan.registration().initialStatus().consulName());
        }
        plan.heartbeat().ifPresent(every -> {
            heartbeatTimer = vertx.setPeriodic(Math.max(1, every.toMillis()), id -> {
                if (!status.maintenance()) {
                    passed();
                }
            });
            passed();
        });
    }

    private void passed() {
        if (!registered) {
            register(CheckStatus.PASSING, PASSING_OUTPUT, ": its check passed");
            return;
        }
        status.checked(CheckStatus.PASSING, PASSING_OUTPUT);
        track(discovery.pass(plan.serviceId(), PASSING_OUTPUT), "pass the check of");
    }

    private void failed(String output) {
        String note = output.isBlank() ? "the health check failed" : output;
        status.checked(CheckStatus.CRITICAL, note);
        if (registered) {
            track(discovery.fail(plan.serviceId(), note), "fail the check of");
        }
    }

    private void lookForAddress() {
        search = new AddressSearch(vertx, plan.interfaces(), machine);
        search.start(this::addressFound, why -> {
            if (why.equals(missedFor)) {
                return; // as at the last try: said already
            }
            log.warn("service " + plan.serviceId() + " is not registered: " + why + "; looking again, at least every "
                    + AddressSearch.LONGEST_WAIT.toSeconds() + " s, until an address matches");
            status.noAddress(why);
            if (missedFor.isEmpty()) {
                bus.publish(new Event.NoAddress(plan.source(), why));
            }
            missedFor = why;
        });
    }

    private void addressFound(String address) {
        plan = plan.withAddress(address);
        status.addressFound(address);
        log.info("service " + plan.serviceId() + " has an address: " + address);
        if (registrationWanted && !status.ended()) {
            var current = status.snapshot();
            register(current.status(), current.output(), " with its last status "
                    + current.status().consulName());
        }
    }

    /** @param why what asks for the registration, as the log line's end */
    private void register(CheckStatus initial, String output, String why) {
        if (plan.needsAddress()) {
            registrationWanted = true;
            status.checked(initial, output);
            return;
        }
        log.info("registering service " + plan.serviceId() + why);
        registered = true;
        status.registered(initial, output);
        track(discovery.register(plan.registration().withInitialStatus(initial)), "register");
    }

    private Future<Void> end(String why) {
        if (search != null) {
            search.cancel();
        }
        if (heartbeatTimer >= 0) {
            vertx.cancelTimer(heartbeatTimer);
            heartbeatTimer = -1;
        }
        if (status.ended()) {
            return deregistration;
        }
        status.end();
        if (!registered) {
            return deregistration;
        }
        registered = false;
        log.info("deregistering service " + plan.serviceId() + ": " + why);
        deregistration = discovery.deregister(plan.serviceId());
        track(deregistration, "deregister");
        return deregistration;
    }

    private void onReachability(boolean reachable) {
        status.reachable(reachable);
        if (reachable && registered && !status.ended() && !status.maintenance()) {
            // Bring Consul up to date: this replaces calls still waiting to be retried, and registers the service
            // again if Consul came back without it.
            var current = status.snapshot();
            track(discovery.updateCheck(plan.serviceId(), current.status(), current.output()), "update the check of");
        }
    }

    /** Unreachable Consul is logged once per change by the client; other failures once per distinct reason. */
    private void track(Future<Void> call, String what) {
        call.onComplete(result -> {
            if (result.succeeded()) {
                lastFailure = "";
                return;
            }
            Throwable cause = result.cause();
            if (cause instanceof DiscoveryException e && e.kind() == DiscoveryException.Kind.UNREACHABLE) {
                return;
            }
            String message = String.valueOf(cause.getMessage());
            if (!message.equals(lastFailure)) {
                lastFailure = message;
                log.warn("cannot " + what + " service " + plan.serviceId() + ": " + message);
            }
        });
    }
}
