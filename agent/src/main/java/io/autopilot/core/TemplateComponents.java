package io.autopilot.core;

import io.autopilot.config.AgentConfig;
import io.autopilot.files.TemplateConfig;
import io.autopilot.files.TemplateFile;
import io.autopilot.files.TemplateSnapshot;
import io.autopilot.jobs.JobRequest;
import io.autopilot.jobs.RequestOutcome;
import io.autopilot.watches.WatchConfig;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The configuration's templates, one component {@code template.<name>} each. A template is restarted by a reload
 * only when its own entry changed (its text included: a reload reads the template file again), or what it reads
 * through changed: where Consul is, the watches {@code watch "name"} refers to, and where last-known-good data goes.
 */
final class TemplateComponents implements ComponentFactory {
    private final ConsulComponents consul;
    private final Clock clock;
    private final List<TemplateFile> running = new CopyOnWriteArrayList<>();

    TemplateComponents(ConsulComponents consul, Clock clock) {
        this.consul = consul;
        this.clock = clock;
    }

    @Override
    public List<Component> create(AgentConfig config, AgentServices services) {
        if (config.templates().isEmpty()) {
            return List.of();
        }
        Map<String, WatchConfig> watches = new LinkedHashMap<>();
        config.watches().forEach(watch -> watches.put(watch.name(), watch));
        var settings = new TemplateFile.Settings(services.vertx(), services.bus(), services.spawner(),
                services.blocking().spawns(), services.blocking().fileWrites(), services.log(), clock,
                consul.clients(config, services), services.environment()::snapshot, Map.copyOf(watches),
                (job, request) -> request(services, job, request), consul.savedAnswers(config));
        return config.templates().stream()
                .<Component>map(template -> new TemplateComponent(template, settings, List.of(config.consul(),
                        template, config.watches(), config.lastKnownGood())))
                .toList();
    }

    /** The running templates' snapshots, in the configuration's order. */
    List<TemplateSnapshot> snapshots() {
        return running.stream().map(TemplateFile::snapshot).toList();
    }

    private static Future<RequestOutcome> request(AgentServices services, String job, JobRequest request) {
        return services.jobs().named(job).map(supervised -> supervised.request(request))
                .orElseGet(() -> Future.failedFuture("the agent has no job \"" + job + "\""));
    }

    private final class TemplateComponent implements Component {
        private final TemplateConfig config;
        private final TemplateFile.Settings settings;
        private final Object configuration;
        private TemplateFile file;

        TemplateComponent(TemplateConfig config, TemplateFile.Settings settings, Object configuration) {
            this.config = config;
            this.settings = settings;
            this.configuration = configuration;
        }

        @Override
        public String name() {
            return config.eventSource();
        }

        @Override
        public Future<Void> start() {
            file = new TemplateFile(config, settings);
            running.add(file);
            return file.start();
        }

        @Override
        public void startupPassed() {
            file.startupPassed();
        }

        @Override
        public Future<Void> stop() {
            running.remove(file);
            return file.stop();
        }

        @Override
        public Object configuration() {
            return configuration;
        }
    }
}
