package io.autopilot.discovery.consul;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.discovery.SemaphoreSpec;
import io.autopilot.discovery.SessionLock;
import io.autopilot.testing.Futures;
import io.autopilot.testing.consul.ConsulAgent;
import io.autopilot.testing.consul.RealConsul;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Consul's semaphore recipe: at most the limit hold a slot; a release or a holder's death lets the next one in. */
@RealConsul
class ConsulSemaphoreTest {
    @RegisterExtension
    final Clients clients = new Clients();
    private final String prefix = "semaphore-test/" + UUID.randomUUID();

    @Test
    void atMostTheLimitHoldItAndAReleaseLetsTheNextIn(ConsulAgent consul) {
        Context context = clients.vertx.getOrCreateContext();
        List<SessionLock> slots = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            SemaphoreSpec spec = new SemaphoreSpec(prefix, "holder " + i, 2, Duration.ofSeconds(10));
            slots.add(on(context, () -> Future.succeededFuture(clients.to(consul).semaphore(spec, reason -> { }))));
        }
        List<Future<Void>> taken = new ArrayList<>();
        slots.forEach(slot -> taken.add(on(context, () -> Future.succeededFuture(slot.acquire()))));
        Await.until("two slots to be taken", () -> taken.stream().filter(Future::succeeded).count() == 2);
        SessionLock waiting = slots.get(taken.indexOf(taken.stream().filter(f -> !f.isComplete()).findFirst()
                .orElseThrow()));
        assertThat(consul.api().get("/v1/kv/" + prefix + "/.lock").array().getJsonObject(0).getString("Value"))
                .as("the .lock key").isNotEmpty();
        assertThat(waiting.held()).as("the third, while two hold it").isFalse();

        SessionLock first = slots.stream().filter(SessionLock::held).findFirst().orElseThrow();
        on(context, first::release);

        Await.until("the third to take the freed slot", waiting::held);
        assertThat(slots.stream().filter(SessionLock::held).count()).as("holders").isEqualTo(2);
    }

    @Test
    void aHolderWhoseSessionDiesIsPrunedAndItsSlotTaken(ConsulAgent consul) {
        Context context = clients.vertx.getOrCreateContext();
        SemaphoreSpec spec = new SemaphoreSpec(prefix, "holder", 1, Duration.ofSeconds(10));
        SessionLock holder = on(context, () -> Future.succeededFuture(clients.to(consul).semaphore(spec, r -> { })));
        on(context, holder::acquire);
        SessionLock next = on(context, () -> Future.succeededFuture(clients.to(consul).semaphore(spec, r -> { })));
        Future<Void> waiting = on(context, () -> Future.succeededFuture(next.acquire()));
        Await.until("the second to contend", () -> consul.api().get("/v1/kv/" + prefix + "/?recurse").array()
                .size() == 3);
        assertThat(waiting.isComplete()).as("the second, while the first holds the only slot").isFalse();

        String dead = consul.api().get("/v1/kv/" + prefix + "/?recurse").array().stream()
                .map(e -> ((io.vertx.core.json.JsonObject) e).getString("Session")).filter(s -> s != null)
                .filter(s -> holderKey(consul, s)).findFirst().orElseThrow();
        consul.api().put("/v1/session/destroy/" + dead, "");

        Await.until("the second to take the dead holder's slot", next::held);
    }

    /** Whether {@code session} is listed in {@code .lock}. */
    private boolean holderKey(ConsulAgent consul, String session) {
        String value = consul.api().get("/v1/kv/" + prefix + "/.lock?raw").body();
        return value.contains("\"" + session + "\"");
    }

    /** Runs {@code action} on {@code context}, as the semaphore must be used, and waits for its result. */
    private static <T> T on(Context context, Supplier<Future<T>> action) {
        Promise<T> result = Promise.promise();
        context.runOnContext(v -> action.get().onComplete(result));
        return Futures.await(result.future());
    }
}
