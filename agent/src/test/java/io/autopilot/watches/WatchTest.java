package io.autopilot.watches;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.events.Event;
import io.autopilot.events.EventCode;
import io.autopilot.testing.Eventually;
import io.autopilot.testing.consul.ConsulAgent;
import io.autopilot.testing.consul.RealConsul;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Watches of services and keys in a real Consul: the events they publish, and what {@code changed} carries. */
@RealConsul
class WatchTest {
    private static List<EventCode> codes(List<Event> events) {
        return events.stream().map(Event::code).toList();
    }

    @Test
    void anEmptyFirstResultIsUnhealthyThenEachChangeIsChangedThenHealthOfWhatIsLeft(ConsulAgent consul)
            throws Exception {
        try (var fixture = new WatchFixture(consul, WatchFixture.service("backend"))) {
            assertThat(codes(fixture.await(1))).containsExactly(EventCode.UNHEALTHY);

            consul.api().registerTtlService("backend-1", "backend", 8001, "passing");
            fixture.await(3);
            consul.api().deregister("backend-1");

            assertThat(codes(fixture.await(5))).containsExactly(EventCode.UNHEALTHY, EventCode.CHANGED,
                    EventCode.HEALTHY, EventCode.CHANGED, EventCode.UNHEALTHY);
        }
    }

    @Test
    void theSnapshotCountsChangesPublishedAndQueriesAnswered(ConsulAgent consul) throws Exception {
        try (var fixture = new WatchFixture(consul, WatchFixture.service("counted"))) {
            fixture.await(1);
            assertThat(fixture.watch.snapshot().changes()).isZero();
            assertThat(fixture.watch.snapshot().queries()).isPositive();

            consul.api().registerTtlService("counted-1", "counted", 8001, "passing");
            fixture.await(3);

            WatchSnapshot snapshot = fixture.watch.snapshot();
            assertThat(snapshot.changes()).isEqualTo(1);
            assertThat(snapshot.queries()).isGreaterThanOrEqualTo(2);
            assertThat(snapshot.queryTime()).isPositive();
        }
    }

    @Test
    void theLastErrorIsClearedByTheNextAnswerEvenWhenNothingChanged(ConsulAgent consul) throws Exception {
        try (var fixture = new WatchFixture(consul, WatchFixture.service("flaky"))) {
            fixture.await(1);

            consul.stop();
            Eventually.until(() -> fixture.watch.snapshot().lastError().isPresent(), () -> "a failed query");
            consul.start();

            Eventually.until(() -> fixture.watch.snapshot().lastError().isEmpty(),
                    () -> "the error cleared: " + fixture.watch.snapshot());
            assertThat(codes(fixture.await(1))).containsExactly(EventCode.UNHEALTHY);
        }
    }

    @Test
    void changedCarriesTheInstancesAndWhatWasAddedAndRemoved(ConsulAgent consul) throws Exception {
        consul.api().registerTtlService("api-1", "api", 9001, "passing");
        try (var fixture = new WatchFixture(consul, WatchFixture.service("api"))) {
            fixture.await(2);
            var first = fixture.lastChanged().change();
            assertThat(ids(first.instances())).containsExactly("api-1");
            assertThat(ids(first.added())).containsExactly("api-1");
            assertThat(ids(first.removed())).isEmpty();

            consul.api().registerTtlService("api-2", "api", 9002, "passing");
            fixture.await(4);
            consul.api().deregister("api-1");
            fixture.await(6);

            var last = fixture.lastChanged().change();
            assertThat(ids(last.instances())).containsExactly("api-2");
            assertThat(ids(last.added())).isEmpty();
            assertThat(ids(last.removed())).containsExactly("api-1");
            JsonObject instance = new JsonArray(last.instances()).getJsonObject(0);
            assertThat(instance.getString("Address")).isEqualTo("127.0.0.1");
            assertThat(instance.getInteger("Port")).isEqualTo(9002);
            assertThat(instance.getString("Node")).isEqualTo(consul.node());
        }
    }

    @Test
    void aTagChangeIsAChangeThoughAddressAndPortStayTheSame(ConsulAgent consul) throws Exception {
        consul.api().registerTtlService("tagged-1", "tagged", 7000, "passing");
        try (var fixture = new WatchFixture(consul, WatchFixture.service("tagged"))) {
            fixture.await(2);

            consul.api().put("/v1/agent/service/register", new JsonObject().put("ID", "tagged-1")
                    .put("Name", "tagged").put("Port", 7000).put("Address", "127.0.0.1").put("Tags",
                            new JsonArray().add("canary"))
                    .put("Check", new JsonObject().put("TTL", "60s").put("Status", "passing")).encode());

            assertThat(codes(fixture.await(4))).containsExactly(EventCode.CHANGED, EventCode.HEALTHY,
                    EventCode.CHANGED, EventCode.HEALTHY);
            assertThat(new JsonArray(fixture.lastChanged().change().instances()).getJsonObject(0)
                    .getJsonArray("Tags").stream().map(String::valueOf).toList()).containsExactly("canary");
        }
    }

    @Test
    void aKeyWatchPublishesTheSameEventsForAKeyAndItsValue(ConsulAgent consul) throws Exception {
        try (var fixture = new WatchFixture(consul, WatchFixture.key("flags", "app/flags"))) {
            assertThat(codes(fixture.await(1))).containsExactly(EventCode.UNHEALTHY);

            consul.api().putKey("app/flags", "dark-mode=on");
            fixture.await(3);
            assertThat(new JsonArray(fixture.lastChanged().change().instances()).getJsonObject(0).getMap())
                    .containsEntry("Key", "app/flags").containsEntry("Value", "dark-mode=on");
            consul.api().putKey("app/flags", "dark-mode=off");
            fixture.await(5);
            consul.api().deleteKey("app/flags");

            assertThat(codes(fixture.await(7))).containsExactly(EventCode.UNHEALTHY, EventCode.CHANGED,
                    EventCode.HEALTHY, EventCode.CHANGED, EventCode.HEALTHY, EventCode.CHANGED, EventCode.UNHEALTHY);
        }
    }

    @Test
    void aPrefixWatchFollowsEveryKeyUnderIt(ConsulAgent consul) throws Exception {
        consul.api().putKey("cfg/a", "1");
        try (var fixture = new WatchFixture(consul, WatchFixture.key("cfg", "cfg/"))) {
            fixture.await(2);

            consul.api().putKey("cfg/b", "2");

            fixture.await(4);
            var change = fixture.lastChanged().change();
            assertThat(new JsonArray(change.instances()).size()).isEqualTo(2);
            assertThat(new JsonArray(change.added()).getJsonObject(0).getString("Key")).isEqualTo("cfg/b");
            assertThat(fixture.watch.snapshot().instances()).isEqualTo(2);
            assertThat(fixture.watch.snapshot().lastChange()).isPresent();
        }
    }

    private static List<String> ids(String json) {
        return new JsonArray(json).stream().map(o -> ((JsonObject) o).getString("ID")).toList();
    }
}
