package io.autopilot.files;

import io.autopilot.discovery.Discovery;
import io.autopilot.discovery.DiscoveryException;
import io.autopilot.discovery.KeyValue;
import io.autopilot.discovery.ServiceInstance;
import io.autopilot.discovery.Subscription;
import io.autopilot.discovery.WatchListener;
import io.autopilot.logging.Log;
import io.autopilot.saved.Saved;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * What one template reads from Consul, each followed by a blocking query of its own for as long as the template's
 * renders use it, as consul-template does: a render records what it reads ({@link #reads()}), a complete render
 * then follows what is new and drops what it no longer read. Confined to the template's context.
 *
 * <p>With last-known-good data ({@link #offer}), a dependency whose query fails before its first answer takes its
 * saved answer instead, until Consul answers: renders then go on from the saved data.
 */
final class Dependencies {
    private final Supplier<Optional<Discovery>> discovery;
    private final Runnable onChange;
    private final Runnable onLive;
    private final Log log;
    private final Map<Dependency, Followed> followed = new LinkedHashMap<>();
    private Optional<Saved> saved = Optional.empty();

    /**
     * @param discovery the Consul client, opened on first use; empty when the configuration has no {@code consul}
     * @param onChange called on the context when a followed dependency answers with new data
     * @param onLive called on the context when a dependency's first answer is the data it had saved
     */
    Dependencies(Supplier<Optional<Discovery>> discovery, Runnable onChange, Runnable onLive, Log log) {
        this.discovery = discovery;
        this.onChange = onChange;
        this.onLive = onLive;
        this.log = log;
    }

    /** Answers saved earlier, which dependencies fall back on while their queries fail before a first answer. */
    void offer(Optional<Saved> answers) {
        saved = answers;
    }

    /** When the saved data some dependency still serves was saved; empty once Consul answered them all. */
    Optional<Instant> savedAt() {
        boolean anySaved = followed.values().stream().anyMatch(state -> state.fromSaved);
        return anySaved ? saved.map(Saved::savedAt) : Optional.empty();
    }

    /** Consul's answers that {@code reads} used, by the names they are saved under. */
    Map<String, List<?>> answers(Reads reads) {
        Map<String, List<?>> answers = new LinkedHashMap<>();
        for (Dependency dependency : reads.used) {
            Followed state = followed.get(dependency);
            if (state != null && state.raw != null) {
                answers.put(dependency.savedAs(), state.raw);
            }
        }
        return answers;
    }

    /** What one render reads; ask {@link Reads#missing()} once the render is over. */
    Reads reads() {
        return new Reads();
    }

    /** Follows everything {@code reads} used that is not followed yet; with {@code complete}, drops the rest. */
    void follow(Reads reads, boolean complete) {
        for (Dependency dependency : reads.used) {
            if (!followed.containsKey(dependency)) {
                followed.put(dependency, subscribe(dependency));
            }
        }
        if (complete) {
            followed.entrySet().removeIf(entry -> {
                if (reads.used.contains(entry.getKey())) {
                    return false;
                }
                entry.getValue().cancel();
                return true;
            });
        }
    }

    /** Everything followed, as the template wrote it. */
    List<String> described() {
        return followed.keySet().stream().map(Dependency::describe).toList();
    }

    void cancelAll() {
        followed.values().forEach(Followed::cancel);
        followed.clear();
    }

    private Followed subscribe(Dependency dependency) {
        Followed state = new Followed();
        Optional<Discovery> client = discovery.get();
        if (client.isEmpty()) {
            return state; // never answers; loading the configuration refused a template reading Consul without it
        }
        state.subscription = switch (dependency) {
            case Dependency.Service service -> client.get().watchService(service.query(),
                    state.<List<ServiceInstance>>listener(dependency, Dependencies::instances));
            case Dependency.Keys keys -> client.get().watchKeys(keys.query(), state.<List<KeyValue>>listener(
                    dependency, Dependencies::keyPairs));
        };
        return state;
    }

    private static List<?> instances(Dependency dependency, List<?> instances) {
        String name = ((Dependency.Service) dependency).name();
        return instances.stream().map(instance -> Instance.of(name, (ServiceInstance) instance)).toList();
    }

    private static List<?> keyPairs(Dependency dependency, List<?> values) {
        return values.stream().map(KeyValue.class::cast).map(kv -> new KeyPair(kv.key(), kv.value())).toList();
    }

    /**
     * One followed dependency: its query, its last answer as Consul gave it ({@code raw}) and as templates read it
     * ({@code value}), both null before the first, whether that is saved data, and its last error logged.
     */
    private final class Followed {
        private Subscription subscription;
        private List<?> raw;
        private List<?> value;
        private boolean fromSaved;
        private String error;

        <T extends List<?>> WatchListener<T> listener(Dependency dependency,
                BiFunction<Dependency, List<?>, List<?>> convert) {
            return WatchListener.of(result -> {
                boolean same = fromSaved && result.equals(raw);
                raw = result;
                value = convert.apply(dependency, result);
                fromSaved = false;
                error = null;
                if (!same) {
                    onChange.run();
                } else {
                    onLive.run();
                }
            }, failure -> failed(dependency, failure, convert));
        }

        private void failed(Dependency dependency, DiscoveryException failure,
                BiFunction<Dependency, List<?>, List<?>> convert) {
            String message = String.valueOf(failure.getMessage());
            // Unreachable Consul is logged once per change by the client; other failures once per distinct reason.
            if (failure.kind() != DiscoveryException.Kind.UNREACHABLE && !message.equals(error)) {
                log.warn(dependency.describe() + ": " + message);
            }
            error = message;
            List<?> answer = saved.map(s -> s.answers().get(dependency.savedAs())).orElse(null);
            if (raw == null && answer != null) {
                raw = answer;
                value = convert.apply(dependency, answer);
                fromSaved = true;
                onChange.run();
            }
        }

        void cancel() {
            if (subscription != null) {
                subscription.cancel();
            }
        }
    }

    /** The data one render reads, recording what it used and what it still lacks. */
    final class Reads implements TemplateData {
        private final Set<Dependency> used = new LinkedHashSet<>();
        private final Set<Dependency> missing = new LinkedHashSet<>();

        @Override
        @SuppressWarnings("unchecked")
        public List<Instance> service(Dependency.Service service) {
            return (List<Instance>) read(service);
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<KeyPair> keys(Dependency.Keys keys) {
            return (List<KeyPair>) read(keys);
        }

        @Override
        public void require(Dependency dependency) {
            missing.add(dependency);
        }

        /** What the render read that has not answered yet, or that it required and found absent. */
        List<String> missing() {
            return missing.stream().map(d -> d.describe() + (answered(d) ? " (absent)" : "")).toList();
        }

        private List<?> read(Dependency dependency) {
            used.add(dependency);
            Followed state = followed.get(dependency);
            if (state == null || state.value == null) {
                missing.add(dependency);
                return List.of();
            }
            return state.value;
        }

        private boolean answered(Dependency dependency) {
            Followed state = followed.get(dependency);
            return state != null && state.value != null;
        }
    }
}
