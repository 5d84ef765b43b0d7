package io.autopilot.services;

import io.autopilot.discovery.InterfaceSpec;
import io.autopilot.discovery.ServiceRegistration;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One service to register and what keeps its TTL check current.
 *
 * @param source the event source whose {@code healthy}, {@code unhealthy} and {@code stopping} events drive it: the
 *     job's name
 * @param registerAtOnce register on {@code startup} with the registration's initial status ({@code initial_status});
 *     otherwise on the first passing check, as ContainerPilot
 * @param heartbeat present when nothing publishes health events for the source (a {@code health} block without a
 *     check): the service is then passed every heartbeat, the first at {@code startup}
 * @param interfaces where to look for the address while the registration's is empty: none of them matched when the
 *     plan was made (see {@link AddressSearch}); empty once the address is known
 */
public record ServicePlan(String source, ServiceRegistration registration, boolean registerAtOnce,
        Optional<Duration> heartbeat, List<InterfaceSpec> interfaces) {

    public ServicePlan {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(registration, "registration");
        interfaces = List.copyOf(interfaces);
        if (registration.address().isEmpty() && interfaces.isEmpty()) {
            throw new IllegalArgumentException("the service " + registration.id() + " has no address and no"
                    + " interfaces to find one on");
        }
        heartbeat.filter(h -> h.isNegative() || h.isZero()).ifPresent(h -> {
            throw new IllegalArgumentException("the heartbeat of " + registration.id() + " must be positive");
        });
    }

    /**
     * A service kept alive by heartbeats alone, registered passing at {@code startup} and deregistered only when its
     * registrations stop: how the telemetry endpoint registers itself ({@code containerpilot}, TTL 15 s, every 5 s).
     */
    public static ServicePlan heartbeat(String source, ServiceRegistration registration, Duration every) {
        return new ServicePlan(source, registration, true, Optional.of(every));
    }

    /** A plan whose address is known. */
    public ServicePlan(String source, ServiceRegistration registration, boolean registerAtOnce,
            Optional<Duration> heartbeat) {
        this(source, registration, registerAtOnce, heartbeat, List.of());
    }

    /** Whether the address is still to be found on {@link #interfaces()}. */
    public boolean needsAddress() {
        return registration.address().isEmpty();
    }

    /** This plan with the address found. */
    ServicePlan withAddress(String address) {
        return new ServicePlan(source, registration.withAddress(address), registerAtOnce, heartbeat, List.of());
    }

    public String serviceId() {
        return registration.id();
    }
}
