package io.autopilot.files;

import io.autopilot.saved.Saved;
import io.autopilot.saved.SavedAnswers;
import io.vertx.core.WorkerExecutor;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A template's last-known-good data ({@code lastKnownGood}): the Consul answers of its last render that reached its
 * file, read when the template starts and replaced on disk when a later render's answers differ. Confined to the
 * template's context, but for {@link #load()}.
 */
final class SavedReads {
    private final SavedAnswers store;
    private final String source;
    private Map<String, List<?>> onDisk = Map.of();

    SavedReads(SavedAnswers store, TemplateConfig config) {
        this.store = config.saves() ? store : SavedAnswers.NONE;
        this.source = config.eventSource();
    }

    /** Reads the file, blocking; before the template's first render. */
    Optional<Saved> load() {
        Optional<Saved> saved = store.load(source);
        onDisk = saved.map(Saved::answers).orElse(Map.of());
        return saved;
    }

    /** Saves {@code answers} on {@code writes} (one file at a time), unless the file holds them already. */
    void save(Map<String, List<?>> answers, Instant now, WorkerExecutor writes) {
        if (!store.enabled() || answers.isEmpty() || answers.equals(onDisk)) {
            return;
        }
        onDisk = Map.copyOf(answers);
        var saved = new Saved(now, answers);
        writes.executeBlocking(() -> {
            store.save(source, saved);
            return null;
        }, true);
    }
}
