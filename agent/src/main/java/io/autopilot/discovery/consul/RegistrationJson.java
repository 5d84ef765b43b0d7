package io.autopilot.discovery.consul;

import io.autopilot.decode.GoDuration;
import io.autopilot.discovery.CheckStatus;
import io.autopilot.discovery.ServiceRegistration;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.TreeMap;

/** The bodies of the agent endpoints a registration uses. */
final class RegistrationJson {
    private RegistrationJson() {
    }

    /**
     * The body of {@code PUT /v1/agent/service/register}: ContainerPilot's fields plus {@code Meta}. The check's
     * notes keep ContainerPilot's words, so what users look for in the Consul UI or grep for still matches.
     */
    static String register(ServiceRegistration registration, CheckStatus status) {
        JsonObject check = new JsonObject()
                .put("TTL", GoDuration.format(registration.ttl()))
                .put("Status", status.consulName())
                .put("Notes", "TTL for " + registration.name() + " set by containerpilot");
        registration.deregisterCriticalServiceAfter()
                .ifPresent(after -> check.put("DeregisterCriticalServiceAfter", GoDuration.format(after)));
        JsonObject service = new JsonObject()
                .put("ID", registration.id())
                .put("Name", registration.name())
                .put("Tags", new JsonArray(registration.tags()))
                .put("Address", registration.address())
                .put("Port", registration.port())
                .put("EnableTagOverride", registration.enableTagOverride())
                .put("Check", check);
        if (!registration.meta().isEmpty()) {
            service.put("Meta", new JsonObject(new TreeMap<String, Object>(registration.meta())));
        }
        return service.encode();
    }

    /** The body of {@code PUT /v1/agent/check/update/<check>}. */
    static String update(CheckStatus status, String output) {
        return new JsonObject().put("Status", status.consulName()).put("Output", output).encode();
    }
}
