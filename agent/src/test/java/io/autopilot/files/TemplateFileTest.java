package io.autopilot.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.events.Event;
import io.autopilot.testing.Eventually;
import io.autopilot.testing.OpenedFiles;
import io.autopilot.testing.consul.ConsulAgent;
import io.autopilot.testing.consul.RealConsul;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Templates rendered from a real Consul into real files: when they render, what they write, and what they publish. */
@RealConsul
class TemplateFileTest {
    @TempDir
    Path dir;

    @Test
    void rendersTheInstancesOfAServiceAndAgainWheneverTheyChange(ConsulAgent consul) throws Exception {
        consul.api().registerTtlService("web-1", "web", 8001, "passing");
        consul.api().registerTtlService("web-2", "web", 8002, "passing");
        Path file = dir.resolve("upstreams.conf");
        var config = TemplateFixture.inline("""
                {{ range service "web" }}server {{ .Address }}:{{ .Port }}; # {{ .ID }} {{ .Name }}
                {{ else }}# none
                {{ end }}""", file);
        try (var fixture = new TemplateFixture(Optional.of(consul), config, Map.of())) {
            assertThat(fixture.await(1)).containsExactly(new Event.Rendered("template.conf", file.toString(), true));
            assertThat(Files.readString(file)).isEqualTo("""
                    server 127.0.0.1:8001; # web-1 web
                    server 127.0.0.1:8002; # web-2 web
                    """);

            consul.api().deregister("web-1");
            fixture.await(2);
            assertThat(Files.readString(file)).isEqualTo("server 127.0.0.1:8002; # web-2 web\n");
            consul.api().deregister("web-2");
            fixture.await(3);
            assertThat(Files.readString(file)).isEqualTo("# none\n");
            assertThat(fixture.template.snapshot().writes()).isEqualTo(3);
            assertThat(fixture.template.snapshot().dependencies()).containsExactly("service \"web\"");
        }
    }

    @Test
    void aRequiredKeyHoldsTheFirstRenderBackUntilItExists(ConsulAgent consul) throws Exception {
        Path file = dir.resolve("app.properties");
        var config = TemplateFixture.inline("port={{ key \"held/port\" }}\nmode={{ keyOrDefault \"held/mode\""
                + " \"fast\" }}\n", file);
        try (var fixture = new TemplateFixture(Optional.of(consul), config, Map.of())) {
            Eventually.until(() -> fixture.template.snapshot().waitingFor().equals(List.of("key \"held/port\""
                    + " (absent)")), () -> "waiting for the key: " + fixture.template.snapshot());
            assertThat(file).doesNotExist();
            assertThat(fixture.events()).isEmpty();

            consul.api().putKey("held/port", "8080");

            fixture.await(1);
            assertThat(Files.readString(file)).isEqualTo("port=8080\nmode=fast\n");
            assertThat(fixture.template.snapshot().waitingFor()).isEmpty();
        }
    }

    @Test
    void aFileThatHoldsTheTextAlreadyIsLeftAloneButItsFirstRenderIsPublished() throws Exception {
        Path file = Files.writeString(dir.resolve("same.conf"), "host=web\n");
        Object inode = Files.getAttribute(file, "unix:ino");
        var config = new TemplateConfig("conf", Optional.empty(), "host={{ .HOST }}\n", file, Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(new TemplateConfig.JobAction("web",
                Optional.of("SIGHUP"))));
        try (var fixture = new TemplateFixture(Optional.empty(), config, Map.of("HOST", "web"))) {
            assertThat(fixture.await(1)).containsExactly(new Event.Rendered("template.conf", file.toString(),
                    false));
            assertThat(Files.getAttribute(file, "unix:ino")).as("not replaced").isEqualTo(inode);
            assertThat(fixture.requests).as("no job is told of a file that did not change").isEmpty();
            assertThat(fixture.template.snapshot().writes()).isZero();
        }
    }

    @Test
    void validateRefusingKeepsThePreviousFileAndPublishesWhyWithNothingHalfWrittenLeft(ConsulAgent consul)
            throws Exception {
        consul.api().putKey("checked/mode", "good one");
        Path file = dir.resolve("checked.conf");
        var validate = new Validation(List.of("sh", "-c", "grep -q good \"$1\" || { echo \"no good in $(cat $1)\";"
                + " exit 3; }", "sh", "%s"), Duration.ofSeconds(10));
        var config = new TemplateConfig("conf", Optional.empty(), "mode={{ key \"checked/mode\" }}\n", file,
                Optional.of(0640), Optional.empty(), Optional.of(validate), List.of(
                        new TemplateConfig.JobAction("nginx", Optional.of("SIGHUP")),
                        new TemplateConfig.JobAction("app", Optional.empty())));
        try (var fixture = new TemplateFixture(Optional.of(consul), config, Map.of())) {
            fixture.await(1);
            assertThat(Files.readString(file)).isEqualTo("mode=good one\n");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
            assertThat(fixture.requests).containsExactly("nginx Signal[number=1]", "app Restart[]");

            consul.api().putKey("checked/mode", "bad");

            assertThat(fixture.await(2).get(1)).isEqualTo(new Event.RenderFailed("template.conf",
                    "validate refused the file (exit 3): no good in mode=bad"));
            assertThat(Files.readString(file)).isEqualTo("mode=good one\n");
            assertThat(fixture.template.snapshot().lastError()).isPresent();
            assertThat(fixture.requests).hasSize(2);

            consul.api().putKey("checked/mode", "good again");

            assertThat(fixture.await(3).get(2)).isEqualTo(new Event.Rendered("template.conf", file.toString(), true));
            assertThat(Files.readString(file)).isEqualTo("mode=good again\n");
            assertThat(fixture.template.snapshot().lastError()).isEmpty();
            assertThat(fixture.requests).hasSize(4);
            assertThat(filesIn(dir)).as("no staged file is left behind").containsExactly("checked.conf");
        }
    }

    @ParameterizedTest(name = "mode {0}")
    @CsvSource({"0600, rw-------", "0644, rw-r--r--"})
    void theStagedFileIsOwnerOnlyFromItsCreationAndHasItsModeBeforeValidateReadsIt(String mode, String permissions)
            throws Throwable {
        Path file = dir.resolve("secret.conf");
        var validate = new Validation(List.of("cat", "%s"), Duration.ofSeconds(10));
        var config = new TemplateConfig("secret", Optional.empty(), "password={{ .PASSWORD }}\n", file,
                Optional.of(Integer.parseInt(mode, 8)), Optional.empty(), Optional.of(validate), List.of());
        try (var opened = OpenedFiles.in(dir);
                var fixture = new TemplateFixture(Optional.empty(), config, Map.of("PASSWORD", "hunter2"))) {
            assertThat(fixture.await(1)).containsExactly(new Event.Rendered("template.secret", file.toString(), true));
            assertThat(opened.openings()).filteredOn(o -> o.name().startsWith(".secret.conf.autopilot-"))
                    .as("the staged file as the kernel created it, then as validate opened it")
                    .extracting(OpenedFiles.Opening::permissions).containsExactly("rw-------", permissions);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo(permissions);
    }

    @Test
    void aReplacedFileKeepsItsOwnerAndItsMode() throws Exception {
        Path file = Files.writeString(dir.resolve("owned.conf"), "old\n");
        UserPrincipal nobody = file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(file, nobody);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        try (var fixture = new TemplateFixture(Optional.empty(), TemplateFixture.inline("new\n", file), Map.of())) {
            fixture.await(1);
        }
        assertThat(Files.readString(file)).isEqualTo("new\n");
        assertThat(Files.getOwner(file)).as("the tests run as root, who may give a file away").isEqualTo(nobody);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
    }

    @Test
    void aRenderErrorIsPublishedAndTheFileKeepsItsContent() throws Exception {
        Path file = Files.writeString(dir.resolve("broken.conf"), "old\n");
        var config = TemplateFixture.inline("{{ index (split \",\" \"a,b\") 5 }}", file);
        try (var fixture = new TemplateFixture(Optional.empty(), config, Map.of())) {
            Event failed = fixture.await(1).getFirst();
            assertThat(failed).isInstanceOf(Event.RenderFailed.class);
            assertThat(((Event.RenderFailed) failed).reason()).startsWith("could not render the template:")
                    .contains("index out of range: 5");
            assertThat(Files.readString(file)).isEqualTo("old\n");
        }
    }

    @Test
    void aRenderErrorNeverShowsAValueFromTheEnvironment() throws Exception {
        Path file = dir.resolve("secret.conf");
        var config = TemplateFixture.inline("{{ range $i, $c := .TOKEN }}{{ end }}", file);
        try (var fixture = new TemplateFixture(Optional.empty(), config, Map.of("TOKEN", "tkn-9Xw2-CANARY-93b0"))) {
            String reason = ((Event.RenderFailed) fixture.await(1).getFirst()).reason();
            assertThat(reason).contains("range can't iterate over <from the environment>").doesNotContain("CANARY");
            assertThat(fixture.template.snapshot().lastError()).hasValueSatisfying(error -> assertThat(error)
                    .doesNotContain("CANARY"));
            assertThat(fixture.log.messages).isNotEmpty().noneMatch(message -> message.contains("CANARY"));
        }
    }

    @Test
    void aBurstOfChangesWithinWaitIsRenderedOnceWithTheLastValue(ConsulAgent consul) throws Exception {
        consul.api().putKey("burst/n", "0");
        Path file = dir.resolve("burst.conf");
        var config = new TemplateConfig("conf", Optional.empty(), "n={{ key \"burst/n\" }}", file, Optional.empty(),
                Optional.of(new Quiescence(Duration.ofSeconds(1), Duration.ofSeconds(30))), Optional.empty(),
                List.of());
        try (var fixture = new TemplateFixture(Optional.of(consul), config, Map.of())) {
            fixture.await(1); // the first render does not wait
            for (int n = 1; n <= 5; n++) {
                consul.api().putKey("burst/n", Integer.toString(n));
            }
            fixture.await(2);
            assertThat(Files.readString(file)).isEqualTo("n=5");

            consul.api().putKey("burst/n", "6");
            fixture.await(3);
            assertThat(Files.readString(file)).as("one render for the burst, the next for the next change")
                    .isEqualTo("n=6");
        }
    }

    @Test
    void changesThatNeverSettleAreRenderedAfterMax(ConsulAgent consul) throws Exception {
        consul.api().putKey("stream/n", "0");
        Path file = dir.resolve("stream.conf");
        var config = new TemplateConfig("conf", Optional.empty(), "n={{ key \"stream/n\" }}", file, Optional.empty(),
                Optional.of(new Quiescence(Duration.ofSeconds(2), Duration.ofMillis(2500))), Optional.empty(),
                List.of());
        try (var fixture = new TemplateFixture(Optional.of(consul), config, Map.of())) {
            fixture.await(1);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            int n = 0;
            // Each write comes well within min of the last, so only max can end the wait.
            while (fixture.events().size() < 2 && System.nanoTime() < deadline) {
                consul.api().putKey("stream/n", Integer.toString(++n));
            }
            assertThat(fixture.events()).as("rendered while the changes went on").hasSize(2);
        }
    }

    private static List<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }
}
