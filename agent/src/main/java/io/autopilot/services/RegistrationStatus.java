package io.autopilot.services;

import io.autopilot.discovery.CheckStatus;
import java.time.Clock;

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

    RegistrationStatus(ServicePlan plan, Clock clock) {
        this.clock = clock;
        this.check = plan.registration().initialStatus();
        var r = plan.registration();
        this.snapshot = new RegistrationSnapshot(plan.source(), r.id(), r.name(), r.address(), r.port(),
                RegistrationState.PENDING, check, output, clock.instant());
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

    void end() {
        ended = true;
        publish();
    }

    private RegistrationState state() {
        if (ended) {
            return RegistrationState.DEREGISTERED;
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
        snapshot = new RegistrationSnapshot(last.source(), last.serviceId(), last.serviceName(), last.address(),
                last.port(), state, check, output, state == last.state() ? last.since() : clock.instant());
    }
}
