package io.autopilot.services;

import io.autopilot.discovery.CheckStatus;
import java.time.Clock;
import java.util.stream.Collectors;

/**
 * The live state behind a {@link Registration}'s snapshot: changed only on its context, each change published as a
 * new immutable {@link RegistrationSnapshot}.
 */
final class RegistrationStatus {
    private final Clock clock;
    private volatile RegistrationSnapshot snapshot;
    private boolean registered;
    private boolean maintenance;
    private boolean unreachable;
    private boolean ended;
    private CheckStatus check;
    private String output = "";
    private String address;
    /** Why there is no address yet; empty once there is one. */
    private String noAddress = "";

    RegistrationStatus(ServicePlan plan, Clock clock) {
        this.clock = clock;
        this.check = plan.registration().initialStatus();
        var r = plan.registration();
        this.address = r.address();
        if (plan.needsAddress()) {
            noAddress = "looking for an address on the interfaces " + plan.interfaces().stream()
                    .map(Object::toString).collect(Collectors.joining(", "));
        }
        this.snapshot = new RegistrationSnapshot(plan.source(), r.id(), r.name(), address, r.port(), state(), check,
                output, clock.instant(), noAddress);
    }

    RegistrationSnapshot snapshot() {
        return snapshot;
    }

    boolean ended() {
        return ended;
    }

    boolean maintenance() {
        return maintenance;
    }

    void registered(CheckStatus status, String note) {
        registered = true;
        checked(status, note);
    }

    void checked(CheckStatus status, String note) {
        check = status;
        output = note;
        publish();
    }

    void maintenance(boolean on) {
        maintenance = on;
        publish();
    }

    void reachable(boolean reachable) {
        unreachable = !reachable;
        publish();
    }

    /** A try found no address, for {@code why}. */
    void noAddress(String why) {
        noAddress = why;
        publish();
    }

    void addressFound(String found) {
        address = found;
        noAddress = "";
        publish();
    }

    void end() {
        ended = true;
        publish();
    }

    private RegistrationState state() {
        if (ended) {
            return RegistrationState.DEREGISTERED;
        }
        if (!noAddress.isEmpty()) {
            return RegistrationState.NO_ADDRESS;
        }
        if (maintenance) {
            return RegistrationState.MAINTENANCE;
        }
        if (unreachable) {
            return RegistrationState.UNREACHABLE;
        }
        if (!registered) {
            return RegistrationState.PENDING;
        }
        return check == CheckStatus.CRITICAL ? RegistrationState.CRITICAL : RegistrationState.REGISTERED;
    }

    private void publish() {
        var last = snapshot;
        RegistrationState state = state();
        snapshot = new RegistrationSnapshot(last.source(), last.serviceId(), last.serviceName(), address,
                last.port(), state, check, output, state == last.state() ? last.since() : clock.instant(), noAddress);
    }
}
