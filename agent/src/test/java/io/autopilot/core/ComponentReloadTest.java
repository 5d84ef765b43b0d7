package io.autopilot.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.config.AgentConfig;
import io.autopilot.control.ControlConfig;
import io.autopilot.events.Event;
import io.autopilot.events.EventCode;
import io.autopilot.testing.Eventually;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A reload restarts a component only when the part of the configuration it is made from changed. */
class ComponentReloadTest {
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger made = new AtomicInteger();

    /** Records its starts and stops by instance: {@code control#2 start}. */
    private final class Recorder implements Component {
        private final String name;
        private final Object configuration;
        private final int instance = made.incrementAndGet();

        Recorder(String name, Object configuration) {
            this.name = name;
            this.configuration = configuration;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Future<Void> start() {
            seen.add(name + "#" + instance + " start");
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> stop() {
            seen.add(name + "#" + instance + " stop");
            return Future.succeededFuture();
        }

        @Override
        public Object configuration() {
            return configuration == null ? Component.super.configuration() : configuration;
        }
    }

    private ComponentFactory factory() {
        return (config, services) -> {
            List<Component> parts = new java.util.ArrayList<>(List.of(new Recorder("control", config.control()),
                    new Recorder("constant", "nothing"), new Recorder("undeclared", null)));
            if (config.stopTimeout().equals(Duration.ofSeconds(7))) {
                parts.add(new Recorder("extra", "x"));
            }
            return parts;
        };
    }

    private static ReloadResult reload(AgentRun run) throws Exception {
        return run.agent.reload().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @Test
    void aComponentAddedByAReloadActsOnlyOnceTheJobsAddedWithItHaveSubscribed() throws Exception {
        AgentConfig first = AgentRun.config(List.of(Jobs.sh("app", "exec sleep 60")), Duration.ofSeconds(60));
        AgentConfig second = AgentRun.config(List.of(Jobs.sh("app", "exec sleep 60"),
                Jobs.on("template.late", EventCode.RENDERED, "on-render", "echo rendered")), Duration.ofSeconds(7));
        AtomicReference<AgentConfig> next = new AtomicReference<>(first);
        ComponentFactory factory = (config, services) -> config.stopTimeout().equals(Duration.ofSeconds(7))
                ? List.of(new Publisher(services)) : List.of();
        AgentRun run = AgentRun.reloading(first, environment -> next.get(), factory).start().awaitStartup();

        next.set(second);
        assertThat(reload(run)).isInstanceOf(ReloadResult.Applied.class);

        Eventually.until(() -> run.log.messages.contains("on-render: rendered"), () -> "on-render ran on the"
                + " component's first event; log: " + run.log.messages);
        run.agent.signal("TERM");
        run.exitCode();
    }

    /** Publishes its first result at once when told that startup has passed, as a template or a watch does. */
    private static final class Publisher implements Component {
        private final AgentServices services;

        Publisher(AgentServices services) {
            this.services = services;
        }

        @Override
        public String name() {
            return "template.late";
        }

        @Override
        public Future<Void> start() {
            return Future.succeededFuture();
        }

        @Override
        public void startupPassed() {
            services.bus().publish(new Event.Rendered("template.late", "/late.conf", true));
        }

        @Override
        public Future<Void> stop() {
            return Future.succeededFuture();
        }
    }

    @Test
    void onlyTheComponentWhoseConfigurationChangedIsStoppedThenMadeAnew() throws Exception {
        AgentConfig first = AgentRun.config(List.of(Jobs.sh("app", "exec sleep 60")), Duration.ofSeconds(60));
        AtomicReference<AgentConfig> next = new AtomicReference<>(first);
        AgentRun run = AgentRun.reloading(first, environment -> next.get(), factory()).start();
        Eventually.until(() -> seen.size() == 3, () -> "components started: " + seen);

        next.set(new AgentConfig(first.consul(), first.logging(), first.jobs(), first.watches(), first.telemetry(),
                new ControlConfig("/tmp/other.socket", ControlConfig.DEFAULT_MODE), Duration.ofSeconds(7)));
        ReloadResult result = reload(run);

        assertThat(result).isEqualTo(new ReloadResult.Applied(List.of(), List.of(), List.of(),
                List.of("control", "undeclared", "extra")));
        assertThat(seen).containsExactly("control#1 start", "constant#2 start", "undeclared#3 start",
                "control#1 stop", "undeclared#3 stop", "control#4 start", "undeclared#6 start", "extra#7 start");

        ReloadResult same = reload(run);
        assertThat(same).isEqualTo(new ReloadResult.Applied(List.of(), List.of(), List.of(), List.of()));
        run.agent.signal("TERM");
        assertThat(run.exitCode()).isEqualTo(143);
        assertThat(seen.subList(8, seen.size())).containsExactly("control#4 stop", "constant#2 stop",
                "undeclared#6 stop", "extra#7 stop");
    }
}
