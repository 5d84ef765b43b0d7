package io.autopilot.watches;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.discovery.KeyValue;
import io.autopilot.events.Event;
import io.autopilot.events.EventCode;
import io.autopilot.saved.Saved;
import io.autopilot.saved.SavedAnswers;
import io.autopilot.testing.Eventually;
import io.autopilot.testing.RecordingLog;
import io.autopilot.testing.TcpRelay;
import io.autopilot.testing.consul.ConsulAgent;
import io.autopilot.testing.consul.RealConsul;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A watch's last-known-good result, with a real Consul that answers, then is cut off, then answers again. */
@RealConsul
class WatchSavedResultTest {
    @TempDir
    Path dir;

    @Test
    void theSavedResultStandsInWhileConsulIsDownAndNothingIsPublishedAgainWhenConsulAnswersTheSame(
            ConsulAgent consul) throws Exception {
        SavedAnswers store = SavedAnswers.in(dir, new RecordingLog());
        WatchConfig config = WatchFixture.key("config", "app/port");
        String query = SavedAnswers.keysQuery("app/port", false, Optional.empty());
        store.save("watch.config", new Saved(Instant.parse("2020-01-01T00:00:00Z"),
                Map.of(query, List.of(new KeyValue("app/port", "9999")))));
        consul.api().putKey("app/port", "8081");

        try (var fixture = new WatchFixture(consul, config, store)) {
            fixture.await(2);
            assertThat(fixture.lastChanged().change().instances()).contains("8081").doesNotContain("9999");
            assertThat(fixture.lastChanged().change().savedAt()).isEmpty();
            Eventually.until(() -> store.load("watch.config").map(saved -> saved.answers().get(query))
                    .equals(Optional.of(List.of(new KeyValue("app/port", "8081")))), () -> "8081 saved");
        }
        Instant savedAt = store.load("watch.config").orElseThrow().savedAt();
        String[] hostPort = consul.httpAddress().split(":");
        try (var path = new TcpRelay(hostPort[0], Integer.parseInt(hostPort[1]));
                var fixture = new WatchFixture(path.address(), config, store)) {
            List<Event> events = fixture.await(2);

            assertThat(events).extracting(Event::code).containsExactly(EventCode.CHANGED, EventCode.HEALTHY);
            assertThat(fixture.lastChanged().change().instances()).contains("8081");
            assertThat(fixture.lastChanged().change().savedAt()).contains(savedAt);
            assertThat(fixture.watch.snapshot().savedAt()).contains(savedAt);
            assertThat(fixture.watch.snapshot().lastError()).isPresent();

            path.open();

            Eventually.until(() -> fixture.watch.snapshot().savedAt().isEmpty(), () -> "live again: "
                    + fixture.watch.snapshot());
            assertThat(fixture.watch.snapshot().lastError()).isEmpty();
            assertThat(Files.readString(dir.resolve("watch.config.json"))).contains(savedAt.toString());

            consul.api().putKey("app/port", "8082");

            // Had Consul's answer equal to the saved one been published, the third event would be its changed.
            Eventually.until(() -> fixture.events().size() >= 4, () -> "the change to 8082: " + fixture.events());
            assertThat(fixture.events()).extracting(Event::code)
                    .containsExactly(EventCode.CHANGED, EventCode.HEALTHY, EventCode.CHANGED, EventCode.HEALTHY);
            assertThat(fixture.lastChanged().change().added()).contains("8082");
            assertThat(fixture.lastChanged().change().removed()).contains("8081");
            assertThat(fixture.lastChanged().change().savedAt()).isEmpty();
        }
    }
}
