package io.autopilot.services;

import io.autopilot.discovery.CheckStatus;
import io.autopilot.discovery.ServiceConfig;
import io.autopilot.discovery.ServiceRegistration;
import io.autopilot.health.HealthConfig;
import io.autopilot.jobs.JobConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The services of a configuration's jobs: one plan per job with a {@code port}. */
public final class ServicePlans {
    private ServicePlans() {
    }

    /**
     * @param addresses each registered job's advertised address, resolved once for the whole agent (children see the
     *     same one as {@code CONTAINERPILOT_<JOB>_IP}); a job missing here had no matching interface: its
     *     registration looks for an address on its interfaces until one matches ({@link AddressSearch})
     */
    public static List<ServicePlan> of(List<JobConfig> jobs, Map<String, String> addresses, String hostname) {
        List<ServicePlan> plans = new ArrayList<>();
        for (JobConfig job : jobs) {
            if (job.service().isEmpty() || job.health().isEmpty()) {
                continue;
            }
            String address = addresses.getOrDefault(job.name(), "");
            plans.add(plan(job.name(), job.service().get(), job.health().get(), address, hostname));
        }
        return List.copyOf(plans);
    }

    static ServicePlan plan(String name, ServiceConfig service, HealthConfig health, String address, String hostname) {
        var registration = new ServiceRegistration(
                service.id().orElse(ServiceRegistration.defaultId(name, hostname)), name, address, service.port(),
                service.tags(), service.meta(), service.enableTagOverride(), health.ttl(),
                service.deregisterCriticalServiceAfter(), service.initialStatus().orElse(CheckStatus.PASSING));
        return new ServicePlan(name, registration, service.initialStatus().isPresent(), heartbeat(health),
                address.isEmpty() ? service.interfaces() : List.of());
    }

    /**
     * A health block that runs no check publishes no health events: the registration then passes the service every
     * interval itself, as ContainerPilot's heartbeat did. Any check that publishes {@code healthy}/{@code unhealthy}
     * for the job must make this empty.
     */
    static Optional<Duration> heartbeat(HealthConfig health) {
        return health.check().isEmpty() ? Optional.of(health.interval()) : Optional.empty();
    }
}
