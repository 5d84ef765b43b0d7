package io.autopilot.discovery.consul;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.discovery.CheckStatus;
import io.autopilot.discovery.ServiceRegistration;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The check's TTL and DeregisterCriticalServiceAfter, which Consul 1.8's API does not show back (its check
 * {@code Definition} is empty for TTL checks), checked in the body we send.
 */
class RegistrationJsonTest {
    @Test
    void theCheckCarriesTtlStatusNotesAndDeregisterAfterAsGoDurations() {
        var registration = new ServiceRegistration("web-h", "web", "10.0.0.5", 80, List.of(), Map.of(), false,
                Duration.ofMillis(1500), Optional.of(Duration.ofMinutes(90)), CheckStatus.PASSING);

        JsonObject check = new JsonObject(RegistrationJson.register(registration, CheckStatus.CRITICAL))
                .getJsonObject("Check");

        assertThat(check.getMap()).containsOnly(Map.entry("TTL", "1.5s"), Map.entry("Status", "critical"),
                Map.entry("Notes", "TTL for web set by containerpilot"),
                Map.entry("DeregisterCriticalServiceAfter", "1h30m0s"));
    }

    @Test
    void withoutMetaOrDeregisterAfterNeitherIsSent() {
        var body = new JsonObject(RegistrationJson.register(Clients.web("web-plain"), CheckStatus.PASSING));

        assertThat(body.containsKey("Meta")).isFalse();
        assertThat(body.getJsonObject("Check").containsKey("DeregisterCriticalServiceAfter")).isFalse();
        assertThat(body.getBoolean("EnableTagOverride")).isFalse();
    }
}
