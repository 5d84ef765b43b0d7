package io.autopilot.saved;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.discovery.KeyValue;
import io.autopilot.discovery.ServiceInstance;
import io.autopilot.testing.RecordingLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedAnswersTest {
    private static final String WEB = SavedAnswers.serviceQuery("web", Optional.of("blue"), Optional.empty());
    private static final String CONFIG = SavedAnswers.keysQuery("app/", true, Optional.of("dc2"));
    private static final Saved SAVED = new Saved(Instant.parse("2026-01-02T03:04:05Z"), Map.of(
            WEB, List.of(new ServiceInstance("web-1", "node-1", "10.0.0.1", 8080, List.of("blue", "v1"),
                    Map.of("zone", "a", "é", "ü"))),
            CONFIG, List.of(new KeyValue("app/a", "secret"), new KeyValue("app/b", ""))));

    @TempDir
    Path dir;
    private final RecordingLog log = new RecordingLog();

    @Test
    void whatIsSavedIsReadBackEqualInAFileOnlyItsOwnerReads() throws Exception {
        SavedAnswers store = SavedAnswers.in(dir.resolve("state"), log);

        store.save("template.app", SAVED);

        assertThat(store.load("template.app")).contains(SAVED);
        Path file = dir.resolve("state/template.app.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        assertThat(dir.resolve("state")).isDirectoryNotContaining(path -> path.getFileName().toString()
                .startsWith("."));
        assertThat(log.messages).isEmpty();
    }

    @Test
    void nothingSavedIsNoAnswerAndNoComplaint() {
        assertThat(SavedAnswers.in(dir, log).load("watch.web")).isEmpty();
        assertThat(log.messages).isEmpty();
    }

    @Test
    void aFileThatCannotBeUsedIsIgnoredWithOneLineSayingWhy() throws Exception {
        SavedAnswers store = SavedAnswers.in(dir, log);
        store.save("watch.web", SAVED);
        String whole = Files.readString(dir.resolve("watch.web.json"));
        Map<String, String> broken = Map.of(
                "truncated", whole.substring(0, whole.length() / 2),
                "of another format", whole.replace("\"format\":1", "\"format\":2"),
                "another source's", whole.replace("watch.web", "watch.db"),
                "without a field", whole.replace("\"Port\":8080,", ""),
                "empty", "");

        broken.forEach((what, text) -> {
            write(dir.resolve("watch.web.json"), text);
            log.messages.clear();

            assertThat(store.load("watch.web")).as(what).isEmpty();

            assertThat(log.messages).as(what).singleElement().asString()
                    .contains("last-known-good data " + dir.resolve("watch.web.json") + " is ignored: it");
        });
        Files.write(dir.resolve("watch.web.json"), new byte[] {'{', (byte) 0xff, '}'});
        log.messages.clear();
        assertThat(store.load("watch.web")).isEmpty();
        assertThat(log.messages).singleElement().asString().contains("it is not UTF-8 text");
    }

    @Test
    void aFolderThatCannotBeWrittenIsLoggedOncePerReasonAndNothingFails() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("file"), "x");
        SavedAnswers store = SavedAnswers.in(notAFolder.resolve("state"), log);

        store.save("template.app", SAVED);
        store.save("template.app", SAVED);

        assertThat(log.messages).singleElement().asString().contains("cannot save the last-known-good data of"
                + " template.app in " + notAFolder.resolve("state/template.app.json"));
        assertThat(store.load("template.app")).isEmpty();
    }

    @Test
    void switchedOffItSavesAndReadsNothing() {
        SavedAnswers.NONE.save("template.app", SAVED);

        assertThat(SavedAnswers.NONE.enabled()).isFalse();
        assertThat(SavedAnswers.NONE.load("template.app")).isEmpty();
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
