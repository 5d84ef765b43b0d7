package io.autopilot.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.events.Event;
import io.autopilot.testing.Eventually;
import io.autopilot.testing.consul.ConsulAgent;
import io.autopilot.testing.consul.RealConsul;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever ends a render, a limit that data from Consul reaches or an error nobody expected, is a render failure:
 * {@code renderFailed} is published with the reason, the snapshot's last error says it, and the file is left as it was.
 */
@RealConsul
class TemplateRenderFailuresTest {
    @TempDir
    Path dir;

    @Test
    void aKeyThatDrivesALoopPastTheLimitFailsTheRenderUntilItComesBackDown(ConsulAgent consul) throws Exception {
        consul.api().putKey("limits/count", "100000000");
        Path file = Files.writeString(dir.resolve("loop.conf"), "old\n");
        var config = TemplateFixture.inline("{{ range loop (key \"limits/count\") }}x{{ end }}\n", file);
        try (var fixture = new TemplateFixture(Optional.of(consul), config, Map.of())) {
            // The first render, before Consul has answered, fails on loop "" already; the one with the key counts.
            String limit = "loop: 100000000 elements are more than 100000, the limit of a list in a template";
            Eventually.until(() -> fixture.template.snapshot().lastError().filter(e -> e.endsWith(limit)).isPresent(),
                    () -> "the limit as the last error: " + fixture.events());

            assertThat(fixture.events().getLast()).isInstanceOfSatisfying(Event.RenderFailed.class, event ->
                    assertThat(event.reason()).startsWith("could not render the template:").endsWith(limit));
            assertThat(Files.readString(file)).isEqualTo("old\n");

            int failures = fixture.events().size();
            consul.api().putKey("limits/count", "3");
            assertThat(fixture.await(failures + 1).getLast())
                    .isEqualTo(new Event.Rendered("template.conf", file.toString(), true));
            assertThat(Files.readString(file)).isEqualTo("xxx\n");
            assertThat(fixture.template.snapshot().lastError()).isEmpty();
        }
    }

    @Test
    void anUnexpectedExceptionDuringARenderIsARenderFailure() throws Exception {
        Path file = Files.writeString(dir.resolve("odd.conf"), "old\n");
        var config = TemplateFixture.inline("{{ .X }}\n", file);
        try (var fixture = new TemplateFixture(Optional.empty(), config,
                failingOnce(() -> new IllegalStateException("the environment is gone")))) {
            assertThat(fixture.await(1).getFirst()).isEqualTo(new Event.RenderFailed("template.conf",
                    "could not render the template: java.lang.IllegalStateException: the environment is gone"));
            assertThat(fixture.template.snapshot().lastError()).hasValue("could not render the template:"
                    + " java.lang.IllegalStateException: the environment is gone");
            assertThat(Files.readString(file)).isEqualTo("old\n");
        }
    }

    @Test
    void anOutOfMemoryErrorDuringARenderIsARenderFailureBeforeItGoesOn() throws Exception {
        Path file = Files.writeString(dir.resolve("oom.conf"), "old\n");
        var config = TemplateFixture.inline("{{ .X }}\n", file);
        try (var fixture = new TemplateFixture(Optional.empty(), config,
                failingOnce(() -> new OutOfMemoryError("Java heap space")))) {
            assertThat(fixture.await(1).getFirst()).isEqualTo(new Event.RenderFailed("template.conf",
                    "could not render the template: java.lang.OutOfMemoryError: Java heap space"));
            assertThat(fixture.template.snapshot().lastError()).isPresent();
            assertThat(Files.readString(file)).isEqualTo("old\n");
            // What cannot be survived goes on, after the report, to whoever handles such errors: here the bus.
            Eventually.until(() -> !fixture.errors.isEmpty(), () -> "the error passed on");
            assertThat(fixture.errors).singleElement().isInstanceOf(OutOfMemoryError.class);
            fixture.errors.clear();
        }
    }

    /** An environment whose first read throws what {@code failure} makes, as a render that runs out of memory. */
    private static <T extends Throwable> Supplier<Map<String, String>> failingOnce(Supplier<T> failure) {
        AtomicInteger reads = new AtomicInteger();
        return () -> {
            if (reads.getAndIncrement() == 0) {
                throw sneaky(failure.get());
            }
            return Map.of("X", "y");
        };
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable error) throws E {
        throw (E) error;
    }
}
