package io.autopilot.core;

import io.autopilot.control.StatusSource;
import io.autopilot.files.TemplateSnapshot;
import io.autopilot.leader.LeaderSnapshot;
import io.autopilot.services.RegistrationSnapshot;
import io.autopilot.watches.WatchSnapshot;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The {@code services}, {@code watches}, {@code leader} and {@code templates} sections of {@code /v3/status}, read from the running
 * parts that follow Consul.
 */
final class ConsulStatus {
    private ConsulStatus() {
    }

    static StatusSource services(ConsulComponents consul) {
        return section("services", consul::registrations, ConsulStatus::service);
    }

    static StatusSource watches(ConsulComponents consul) {
        return section("watches", consul::watches, ConsulStatus::watch);
    }

    static StatusSource leader(ConsulComponents consul) {
        return section("leader", () -> consul.leader().stream().toList(), ConsulStatus::leader);
    }

    static StatusSource templates(TemplateComponents templates) {
        return section("templates", templates::snapshots, ConsulStatus::template);
    }

    private static JsonObject template(TemplateSnapshot template) {
        return new JsonObject()
                .put("name", template.name())
                .put("source", template.source())
                .put("destination", template.destination())
                .put("rendered", template.rendered())
                .put("writes", template.writes())
                .put("lastWrite", template.lastWrite().map(Object::toString).orElse(null))
                .put("lastError", template.lastError().orElse(null))
                .put("waitingFor", new JsonArray(List.copyOf(template.waitingFor())))
                .put("reads", new JsonArray(List.copyOf(template.dependencies())))
                .mergeIn(data(template.rendered(), template.savedAt()));
    }

    /**
     * Where the data acted on came from: {@code "live"} (Consul's answers), {@code "saved"} (last-known-good data
     * while Consul does not answer, with when it was saved and its age in seconds), or null before any.
     */
    private static JsonObject data(boolean any, Optional<Instant> savedAt) {
        return new JsonObject()
                .put("data", !any ? null : savedAt.isPresent() ? "saved" : "live")
                .put("savedAt", savedAt.map(Object::toString).orElse(null))
                .put("savedAgeSeconds", savedAt.map(at -> Duration.between(at, Instant.now()).toSeconds())
                        .orElse(null));
    }

    private static JsonObject leader(LeaderSnapshot leader) {
        return new JsonObject()
                .put("key", leader.key())
                .put("elected", leader.elected())
                .put("since", leader.since().map(Object::toString).orElse(null))
                .put("lastDeposed", leader.lastDeposed().orElse(null))
                .put("elections", leader.elections())
                .put("renewals", leader.renewals())
                .put("renewalFailures", leader.renewalFailures());
    }

    private static JsonObject service(RegistrationSnapshot service) {
        return new JsonObject()
                .put("job", service.source())
                .put("id", service.serviceId())
                .put("name", service.serviceName())
                .put("address", service.address().isEmpty() ? null : service.address())
                .put("port", service.port())
                .put("state", service.state().name().toLowerCase(Locale.ROOT))
                .put("status", service.status() == null ? null : service.status().consulName())
                .put("output", service.output())
                .put("since", service.since() == null ? null : service.since().toString())
                .put("reason", service.reason().isEmpty() ? null : service.reason());
    }

    private static JsonObject watch(WatchSnapshot watch) {
        return new JsonObject()
                .put("name", watch.name())
                .put("source", watch.source())
                .put("kind", watch.kind().name().toLowerCase(Locale.ROOT))
                .put("target", watch.target())
                .put("instances", watch.instances())
                .put("lastChange", watch.lastChange().map(Object::toString).orElse(null))
                .put("lastError", watch.lastError().orElse(null))
                .mergeIn(data(watch.results(), watch.savedAt()));
    }

    private static <T> StatusSource section(String name, Supplier<List<T>> snapshots,
            Function<T, JsonObject> entry) {
        return new StatusSource() {
            @Override
            public String section() {
                return name;
            }

            @Override
            public JsonArray entries() {
                JsonArray entries = new JsonArray();
                snapshots.get().forEach(snapshot -> entries.add(entry.apply(snapshot)));
                return entries;
            }
        };
    }
}
