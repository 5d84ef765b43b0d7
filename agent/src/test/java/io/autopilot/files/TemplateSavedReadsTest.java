package io.autopilot.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.events.Event;
import io.autopilot.saved.SavedAnswers;
import io.autopilot.templates.Delimiters;
import io.autopilot.testing.Eventually;
import io.autopilot.testing.RecordingLog;
import io.autopilot.testing.TcpRelay;
import io.autopilot.testing.consul.ConsulAgent;
import io.autopilot.testing.consul.RealConsul;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A template's last-known-good data, with a real Consul that answers, then is cut off, then answers again. */
@RealConsul
class TemplateSavedReadsTest {
    private static final String TEXT =
            "port={{ key \"app/port\" }}\n{{ range service \"web\" }}{{ .Address }}:{{ .Port }}\n{{ end }}";

    @TempDir
    Path dir;

    @Test
    void theSavedAnswersRenderWhileConsulIsCutOffAndOnlyADifferentAnswerRendersAgain(ConsulAgent consul)
            throws Exception {
        consul.api().putKey("app/port", "8081");
        consul.api().registerTtlService("web-1", "web", 9001, "passing");
        SavedAnswers store = SavedAnswers.in(dir.resolve("state"), new RecordingLog());
        Path destination = dir.resolve("app.conf");
        TemplateConfig config = TemplateFixture.inline(TEXT, destination);
        try (var fixture = new TemplateFixture(Optional.of(consul.httpAddress()), config, Map::of, store)) {
            fixture.await(1);
            Eventually.until(() -> Files.exists(dir.resolve("state/template.conf.json")), () -> "saved");
        }
        Files.delete(destination);

        String[] hostPort = consul.httpAddress().split(":");
        try (var path = new TcpRelay(hostPort[0], Integer.parseInt(hostPort[1]));
                var fixture = new TemplateFixture(Optional.of(path.address()), config, Map::of, store)) {
            var rendered = (Event.Rendered) fixture.await(1).getFirst();

            assertThat(rendered.savedAt()).isPresent();
            assertThat(Files.readString(destination)).isEqualTo("port=8081\n127.0.0.1:9001\n");
            assertThat(fixture.template.snapshot().savedAt()).isEqualTo(rendered.savedAt());
            assertThat(fixture.log.messages).anyMatch(line -> line.contains("from last-known-good data saved at "
                    + rendered.savedAt().get()));

            path.open();

            Eventually.until(() -> fixture.template.snapshot().savedAt().isEmpty(), () -> "live again: "
                    + fixture.template.snapshot());
            consul.api().putKey("app/port", "8082");
            // Consul's answers equal to the saved ones wrote and published nothing: the next event is the change.
            var live = (Event.Rendered) fixture.await(2).get(1);
            assertThat(live.changed()).isTrue();
            assertThat(live.savedAt()).isEmpty();
            assertThat(Files.readString(destination)).isEqualTo("port=8082\n127.0.0.1:9001\n");
        }
    }

    @Test
    void aTemplateThatSavesNothingLeavesNoFile(ConsulAgent consul) throws Exception {
        consul.api().putKey("secret/password", "hunter2");
        SavedAnswers store = SavedAnswers.in(dir.resolve("state"), new RecordingLog());
        TemplateConfig config = new TemplateConfig("secret", Optional.empty(), "{{ key \"secret/password\" }}",
                dir.resolve("secret.conf"), Optional.of(0600), Optional.empty(), Optional.empty(), List.of(),
                Delimiters.DEFAULT, false);
        try (var fixture = new TemplateFixture(Optional.of(consul.httpAddress()), config, Map::of, store)) {
            fixture.await(1);
        }

        assertThat(Files.readString(dir.resolve("secret.conf"))).isEqualTo("hunter2");
        assertThat(dir.resolve("state")).doesNotExist();
    }
}
