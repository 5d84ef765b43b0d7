package io.autopilot.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.health.HealthStatus;
import io.autopilot.jobs.JobSnapshot;
import io.autopilot.jobs.JobState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** /status in ContainerPilot's shape: jobs with a port are services, the endpoint itself is the last service. */
class StatusReportTest {
    private static JobSnapshot job(String name, HealthStatus health) {
        return new JobSnapshot(name, JobState.RUNNING, 42, 0, OptionalInt.empty(), Optional.empty(), health, 0);
    }

    @Test
    void jobsWithAPortAreServicesAndTheEndpointIsTheLastOne() {
        StatusReport report = new StatusReport("1.2.3", Map.of("app", new StatusReport.Endpoint("10.0.0.5", 8080)),
                new StatusReport.Endpoint("10.0.0.5", 9090), List.of("db", "cache"));

        String json = report.render(List.of(job("app", HealthStatus.HEALTHY), job("cron", HealthStatus.UNKNOWN),
                job("worker", HealthStatus.MAINTENANCE)));

        assertThat(json).isEqualTo("{\"Version\":\"1.2.3\","
                + "\"Jobs\":[{\"Name\":\"cron\",\"Status\":\"unknown\"},{\"Name\":\"worker\",\"Status\":\"maintenance\"}],"
                + "\"Services\":[{\"Name\":\"app\",\"Address\":\"10.0.0.5\",\"Port\":8080,\"Status\":\"healthy\"},"
                + "{\"Name\":\"containerpilot\",\"Address\":\"10.0.0.5\",\"Port\":9090,\"Status\":\"healthy\"}],"
                + "\"Watches\":[\"db\",\"cache\"]}");
    }

    @Test
    void emptyListsAreEmptyArrays() {
        StatusReport report = new StatusReport("dev", Map.of(), new StatusReport.Endpoint("127.0.0.1", 9090),
                List.of());

        assertThat(report.render(List.of())).isEqualTo("{\"Version\":\"dev\",\"Jobs\":[],\"Services\":[{\"Name\":"
                + "\"containerpilot\",\"Address\":\"127.0.0.1\",\"Port\":9090,\"Status\":\"healthy\"}],\"Watches\":[]}");
    }
}
