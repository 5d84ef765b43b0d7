package io.autopilot.watches;

import io.autopilot.saved.Saved;
import io.autopilot.saved.SavedAnswers;
import io.vertx.core.Context;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A watch's last-known-good result ({@code lastKnownGood}): read when the watch starts, offered once while Consul has
 * not answered, and replaced on disk by each result the watch publishes that differs from the one saved. Confined to
 * the watch's context, but for {@link #load()}.
 */
final class SavedResult {
    private final SavedAnswers store;
    private final String source;
    private final String query;
    private Optional<Saved> loaded = Optional.empty();
    private List<?> onDisk;
    private boolean offered;

    SavedResult(SavedAnswers store, WatchConfig config) {
        this.store = config.saves() ? store : SavedAnswers.NONE;
        this.source = config.source();
        this.query = config.key().map(key -> SavedAnswers.keysQuery(key, key.endsWith("/"), config.datacenter()))
                .orElseGet(() -> SavedAnswers.serviceQuery(config.name(), config.tag(), config.datacenter()));
    }

    /** Reads the file, blocking; before the watch's first query. */
    void load() {
        loaded = store.load(source).filter(saved -> saved.answers().containsKey(query));
        onDisk = loaded.map(saved -> saved.answers().get(query)).orElse(null);
    }

    /** The saved result, the first time it is asked for; then empty. */
    Optional<Saved> offer() {
        if (offered) {
            return Optional.empty();
        }
        offered = true;
        return loaded;
    }

    List<?> entries(Saved saved) {
        return saved.answers().get(query);
    }

    /** Saves {@code result} off the context (in order), unless it is what the file holds already. */
    void save(List<?> result, Instant now, Context context) {
        if (!store.enabled() || result.equals(onDisk)) {
            return;
        }
        onDisk = result;
        var saved = new Saved(now, Map.of(query, result));
        context.executeBlocking(() -> {
            store.save(source, saved);
            return null;
        }, true);
    }
}
