package io.autopilot.telemetry;

import io.autopilot.jobs.JobSnapshot;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /status} as ContainerPilot answers it: {@code {"Version", "Jobs":[{Name, Status}],
 * "Services":[{Name, Address, Port, Status}], "Watches":[name…]}}. A job with a port is a service; the others are
 * jobs. The telemetry endpoint itself is the last service, {@code containerpilot}, healthy while it answers. Status
 * is the job's health: {@code unknown}, {@code healthy}, {@code unhealthy} or {@code maintenance}.
 *
 * @param services each registered job's advertised address and port, by job name
 */
record StatusReport(String version, Map<String, Endpoint> services, Endpoint telemetry, List<String> watches) {
    /** Where a service is advertised; the address is empty when no interface matched. */
    record Endpoint(String address, int port) {
    }

    StatusReport {
        services = Map.copyOf(services);
        watches = List.copyOf(watches);
    }

    String render(List<JobSnapshot> jobs) {
        JsonArray plain = new JsonArray();
        JsonArray registered = new JsonArray();
        for (JobSnapshot job : jobs) {
            String status = job.health().name().toLowerCase(Locale.ROOT);
            Endpoint endpoint = services.get(job.name());
            if (endpoint == null) {
                plain.add(new JsonObject().put("Name", job.name()).put("Status", status));
            } else {
                registered.add(service(job.name(), endpoint, status));
            }
        }
        registered.add(service(TelemetryConfig.JOB_NAME, telemetry, "healthy"));
        return new JsonObject().put("Version", version).put("Jobs", plain).put("Services", registered)
                .put("Watches", new JsonArray(List.copyOf(watches))).encode();
    }

    private static JsonObject service(String name, Endpoint endpoint, String status) {
        return new JsonObject().put("Name", name).put("Address", endpoint.address()).put("Port", endpoint.port())
                .put("Status", status);
    }
}
