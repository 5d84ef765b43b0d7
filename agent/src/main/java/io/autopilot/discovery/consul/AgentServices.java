package io.autopilot.discovery.consul;

import io.autopilot.discovery.CheckStatus;
import io.autopilot.discovery.DiscoveryException;
import io.autopilot.discovery.DiscoveryException.Kind;
import io.autopilot.discovery.ServiceRegistration;
import io.autopilot.logging.Log;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The services this agent registered with its Consul agent, remembered with their last check status, so that
 * Consul's state can be rebuilt whenever it is lost.
 *
 * <p>ContainerPilot 3.7 re-registered when a TTL update failed; 3.8 dropped that (commit 602b15a), so a restarted
 * Consul agent, or maintenance turned off, left services unregistered for good. Here an update that Consul answers
 * with "unknown check" registers the service again at once and then applies the update, and leaving maintenance
 * registers every remembered service again.
 *
 * <p>Each service is driven by one job on one context; the map and the maintenance flag are shared with the control
 * plane, hence concurrent.
 */
final class AgentServices {
    /** A registered service and the status it should have; a new one replaces it on every call. */
    private record Entry(ServiceRegistration registration, CheckStatus status, String output) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    /** Registrations still on their way: a check update sent before one arrives would find no check. */
    private final Map<String, Future<Void>> registering = new ConcurrentHashMap<>();
    private final ConsulHttp http;
    private final CheckUpdates checkUpdates;
    private final Retrying retrying;
    private final Log log;
    private volatile boolean maintenance;

    AgentServices(ConsulHttp http, CheckUpdates checkUpdates, Retrying retrying, Log log) {
        this.http = http;
        this.checkUpdates = checkUpdates;
        this.retrying = retrying;
        this.log = log;
    }

    Future<Void> register(ServiceRegistration registration) {
        String id = registration.id();
        Entry entry = new Entry(registration, registration.initialStatus(), "");
        entries.put(id, entry);
        if (maintenance) {
            return Future.succeededFuture();
        }
        Future<Void> registered = registerWanted(entry);
        registering.put(id, registered);
        registered.onComplete(done -> registering.remove(id, registered));
        return registered;
    }

    Future<Void> updateCheck(String id, CheckStatus status, String output) {
        Entry current = entries.get(id);
        if (current == null) {
            return Future.failedFuture(new DiscoveryException(Kind.INVALID, "cannot update the check of service " + id
                    + ": it is not registered (register it first)"));
        }
        Entry updated = new Entry(current.registration(), status, output);
        entries.put(id, updated);
        if (maintenance) {
            return Future.succeededFuture();
        }
        // A service registered as passing gets its first update at once (the telemetry heartbeat): sent beside the
        // registration, Consul may see it first, answer "unknown check", and have it registered a second time.
        Future<Void> registered = registering.getOrDefault(id, Future.succeededFuture());
        return registered.transform(ignored -> retrying.call(() -> sendUpdate(updated),
                () -> !maintenance && entries.get(id) == updated));
    }

    Future<Void> deregister(String id) {
        entries.remove(id);
        return retrying.call(() -> sendDeregister(id), () -> !entries.containsKey(id));
    }

    Future<Void> enterMaintenance() {
        maintenance = true;
        List<Future<Void>> calls = entries.keySet().stream()
                .map(id -> retrying.call(() -> sendDeregister(id), () -> maintenance && entries.containsKey(id)))
                .toList();
        return Future.all(calls).mapEmpty();
    }

    Future<Void> exitMaintenance() {
        maintenance = false;
        List<Future<Void>> calls = entries.values().stream().map(this::registerWanted).toList();
        return Future.all(calls).mapEmpty();
    }

    /**
     * Registers the entry's service with its status and output, retried for as long as the entry is the one wanted
     * and maintenance is off. A deregistration (for a stop, or for maintenance) sent while this registration was still
     * on its way may have reached Consul first: the registration is then undone.
     */
    private Future<Void> registerWanted(Entry entry) {
        String id = entry.registration().id();
        return retrying.call(() -> sendRegister(entry).compose(ignored -> sendOutput(entry)),
                () -> !maintenance && entries.get(id) == entry)
                .compose(ignored -> entries.containsKey(id) && !maintenance ? Future.succeededFuture()
                        : sendDeregister(id));
    }

    boolean inMaintenance() {
        return maintenance;
    }

    private Future<Void> sendRegister(Entry entry) {
        return http.put("/v1/agent/service/register", RegistrationJson.register(entry.registration(), entry.status()))
                .mapEmpty();
    }

    private Future<Void> sendUpdate(Entry entry) {
        return putCheck(entry).recover(failure -> {
            if (!(failure instanceof ConsulRejection rejection) || !rejection.isUnknownCheck()) {
                return Future.failedFuture(failure);
            }
            if (maintenance || !entries.containsKey(entry.registration().id())) {
                // Sent before a deregistration (for maintenance or for good) and answered after it:
                // registering now would bring back a service that is meant to be gone.
                return Future.succeededFuture();
            }
            log.info("consul: Consul no longer knows service " + entry.registration().id() + " ("
                    + rejection.body().strip() + "); registering it again");
            return sendRegister(entry).compose(ignored -> putCheck(entry));
        });
    }

    /** After a registration the check has its status but no output yet. */
    private Future<Void> sendOutput(Entry entry) {
        return entry.output().isEmpty() ? Future.succeededFuture() : putCheck(entry);
    }

    /** Sent when a connection is free for it; a newer update of the same service supersedes it. */
    private Future<Void> putCheck(Entry entry) {
        String path = "/v1/agent/check/update/" + ConsulHttp.segment(entry.registration().checkId());
        String body = RegistrationJson.update(entry.status(), entry.output());
        return checkUpdates.send(entry.registration().id(), () -> http.putCall(path, body, Set.of(200)));
    }

    /** Consul 1.8 answers 200 for a service it does not know; later versions answer 404. Both mean it is gone. */
    private Future<Void> sendDeregister(String id) {
        return http.put("/v1/agent/service/deregister/" + ConsulHttp.segment(id), "", Set.of(200, 404)).mapEmpty();
    }
}
