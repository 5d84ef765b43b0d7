package io.autopilot.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.discovery.ConsulConfig;
import io.autopilot.discovery.Discovery;
import io.autopilot.discovery.LockConfig;
import io.autopilot.discovery.SemaphoreSpec;
import io.autopilot.discovery.SessionLock;
import io.autopilot.discovery.TlsConfig;
import io.autopilot.discovery.consul.ConsulDiscovery;
import io.autopilot.discovery.consul.ConsulEndpoint;
import io.autopilot.testing.Futures;
import io.autopilot.testing.RecordingLog;
import io.autopilot.testing.consul.ConsulAgent;
import io.autopilot.testing.consul.RealConsul;
import io.autopilot.testing.consul.TestConsul;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A {@code rolling} job's restart waits for a slot while its process keeps running, and restarts once it has one; a
 * stop while it waits cancels the restart.
 */
@RealConsul
class RollingRestartTest {
    private final String key = "rolling-test/" + UUID.randomUUID();

    private String config(ConsulAgent consul) {
        return "{ consul: '" + consul.httpAddress() + "', jobs: [{ name: 'web', exec: 'sleep 30', port: 8080,"
                + " health: { exec: 'true', interval: 1, ttl: 10 }, rolling: { max: 1, key: '" + key + "' } }] }";
    }

    @Test
    void aRestartWaitsForTheSlotWhileTheProcessRunsThenRestarts(ConsulAgent consul) throws Exception {
        try (var fixture = JobFixture.started(config(consul), Map.of(), semaphores(consul))) {
            int old = fixture.awaitRunning("web");
            SessionLock blocker = takeSlot(fixture, consul);

            assertThat(Futures.await(fixture.job("web").requestRestart())).isEqualTo(RequestOutcome.ACCEPTED);
            JobSnapshot waiting = fixture.awaitSnapshot("web", s -> s.rolling().equals(Optional.of("waiting")));
            assertThat(waiting.pid()).as("the old process, still running").isEqualTo(old);
            assertThat(Futures.await(fixture.job("web").requestRestart())).as("a second restart joins the first")
                    .isEqualTo(RequestOutcome.UNCHANGED);

            on(fixture, blocker::release);
            fixture.awaitSnapshot("web", s -> s.pid() > 0 && s.pid() != old && s.rolling().isEmpty());
            assertThat(fixture.log.leveled()).anyMatch(line -> line.contains("rolling restart: healthy again"));
        }
    }

    @Test
    void aStopWhileWaitingCancelsTheRestart(ConsulAgent consul) throws Exception {
        try (var fixture = JobFixture.started(config(consul), Map.of(), semaphores(consul))) {
            fixture.awaitRunning("web");
            SessionLock blocker = takeSlot(fixture, consul);
            Futures.await(fixture.job("web").requestRestart());
            fixture.awaitSnapshot("web", s -> s.rolling().equals(Optional.of("waiting")));

            Futures.await(fixture.job("web").requestStop());
            fixture.awaitSnapshot("web", s -> s.state() == JobState.HELD && s.rolling().isEmpty());
            on(fixture, blocker::release);

            // The slot is free for another contender only if the job no longer contends for it.
            SessionLock next = takeSlot(fixture, consul);
            assertThat(next.held()).isTrue();
            assertThat(fixture.job("web").snapshot().state()).as("the held job, not started by its slot")
                    .isEqualTo(JobState.HELD);
        }
    }

    /** The jobs' semaphores on the test's Consul; no locks. */
    private static Function<Vertx, Locks> semaphores(ConsulAgent consul) {
        return vertx -> new Locks() {
            @Override
            public Optional<SessionLock> lock(LockConfig config, String job, Consumer<String> lost) {
                return Optional.empty();
            }

            @Override
            public Optional<SessionLock> semaphore(RollingConfig config, String job, Consumer<String> lost) {
                return Optional.of(client(vertx, consul).semaphore(config.semaphore("test " + job), lost));
            }
        };
    }

    /** Another instance's slot, taken and held (its acquire completes once it has it). */
    private SessionLock takeSlot(JobFixture fixture, ConsulAgent consul) {
        SessionLock slot = client(fixture.vertx, consul).semaphore(new SemaphoreSpec(key, "other", 1,
                Duration.ofSeconds(10)), reason -> { });
        on(fixture, slot::acquire);
        return slot;
    }

    private static Discovery client(Vertx vertx, ConsulAgent consul) {
        var config = new ConsulConfig(Optional.of(consul.httpAddress()), Optional.empty(), Optional.empty(),
                TlsConfig.DEFAULT);
        return ConsulDiscovery.create(vertx, ConsulEndpoint.resolve(config, Map.of()), TestConsul.FAST_CLIENT,
                new RecordingLog(), state -> { });
    }

    private static <T> T on(JobFixture fixture, Supplier<Future<T>> action) {
        Context context = fixture.vertx.getOrCreateContext();
        Promise<T> result = Promise.promise();
        context.runOnContext(v -> action.get().onComplete(result));
        return Futures.await(result.future());
    }
}
