package io.autopilot.discovery;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One service instance to register, with the TTL check its job keeps alive. Built by the job layer from the job's
 * {@link ServiceConfig}, its name, the host name and the chosen address (empty while none of the job's interfaces has
 * one: it is never registered so).
 *
 * @param id unique on the Consul agent; {@link #defaultId} gives ContainerPilot's {@code <name>-<hostname>}
 * @param meta Consul service meta (not in ContainerPilot)
 * @param ttl how long the check stays passing without an update
 * @param initialStatus the check's status until the first update
 */
public record ServiceRegistration(
        String id,
        String name,
        String address,
        int port,
        List<String> tags,
        Map<String, String> meta,
        boolean enableTagOverride,
        Duration ttl,
        Optional<Duration> deregisterCriticalServiceAfter,
        CheckStatus initialStatus) {

    public ServiceRegistration {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        tags = List.copyOf(tags);
        meta = Map.copyOf(meta);
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("the TTL of " + id + " must be positive, not " + ttl);
        }
        Objects.requireNonNull(deregisterCriticalServiceAfter, "deregisterCriticalServiceAfter");
        Objects.requireNonNull(initialStatus, "initialStatus");
    }

    /** A registration with only the required parts: no tags, no meta, passing at first, never reaped. */
    public static ServiceRegistration of(String id, String name, String address, int port, Duration ttl) {
        return new ServiceRegistration(id, name, address, port, List.of(), Map.of(), false, ttl, Optional.empty(),
                CheckStatus.PASSING);
    }

    /** ContainerPilot's service ID, {@code <name>-<hostname>}, which users and dashboards already know. */
    public static String defaultId(String name, String hostname) {
        return name + "-" + hostname;
    }

    /** The ID of the TTL check: Consul names a check registered with its service {@code service:<id>}. */
    public String checkId() {
        return "service:" + id;
    }

    public ServiceRegistration withTags(List<String> newTags) {
        return new ServiceRegistration(id, name, address, port, newTags, meta, enableTagOverride, ttl,
                deregisterCriticalServiceAfter, initialStatus);
    }

    public ServiceRegistration withMeta(Map<String, String> newMeta) {
        return new ServiceRegistration(id, name, address, port, tags, newMeta, enableTagOverride, ttl,
                deregisterCriticalServiceAfter, initialStatus);
    }

    public ServiceRegistration withAddress(String newAddress) {
        return new ServiceRegistration(id, name, newAddress, port, tags, meta, enableTagOverride, ttl,
                deregisterCriticalServiceAfter, initialStatus);
    }

    public ServiceRegistration withInitialStatus(CheckStatus status) {
        return new ServiceRegistration(id, name, address, port, tags, meta, enableTagOverride, ttl,
                deregisterCriticalServiceAfter, status);
    }
}
