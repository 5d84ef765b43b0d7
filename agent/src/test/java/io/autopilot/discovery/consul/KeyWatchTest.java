package io.autopilot.discovery.consul;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.discovery.KeyQuery;
import io.autopilot.discovery.KeyValue;
import io.autopilot.testing.consul.ConsulAgent;
import io.autopilot.testing.consul.RealConsul;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** KV watches on a key and on a prefix, with the same rules as service watches. */
@RealConsul
class KeyWatchTest {
    private static final Duration RETRY = Duration.ofSeconds(1);
    @RegisterExtension
    final Clients clients = new Clients();


    @Test
    void aKeyWatchDeliversTheMissingKeyThenEachNewValue(ConsulAgent consul) {
        var recorder = new WatchRecorder<List<KeyValue>>();
        clients.to(consul).watchKeys(KeyQuery.key("config/app/mode", RETRY), recorder);
        assertThat(recorder.next()).isEmpty();

        consul.api().putKey("config/app/mode", "blue");
        assertThat(recorder.next()).containsExactly(new KeyValue("config/app/mode", "blue"));

        consul.api().putKey("config/app/mode", "green");
        assertThat(recorder.next()).containsExactly(new KeyValue("config/app/mode", "green"));

        consul.api().deleteKey("config/app/mode");
        assertThat(recorder.next()).isEmpty();
    }

    @Test
    void writingTheSameValueAgainIsNoChange(ConsulAgent consul) {
        consul.api().putKey("config/same", "1");
        var recorder = new WatchRecorder<List<KeyValue>>();
        clients.to(consul).watchKeys(KeyQuery.key("config/same", RETRY), recorder);
        assertThat(recorder.next()).containsExactly(new KeyValue("config/same", "1"));

        consul.api().putKey("config/same", "1");

        Await.until("the rewrite to wake the query", () -> clients.log.count("/v1/kv/config/same answered") >= 1);
        assertThat(recorder.all()).hasSize(1);
    }

    @Test
    void aPrefixWatchDeliversEveryKeyUnderItSortedAndEachChange(ConsulAgent consul) {
        consul.api().putKey("upstreams/b", "10.0.0.2");
        consul.api().putKey("upstreams/a", "10.0.0.1");
        consul.api().putKey("other/c", "x");
        var recorder = new WatchRecorder<List<KeyValue>>();
        clients.to(consul).watchKeys(KeyQuery.prefix("upstreams/", RETRY), recorder);

        assertThat(recorder.next()).containsExactly(new KeyValue("upstreams/a", "10.0.0.1"),
                new KeyValue("upstreams/b", "10.0.0.2"));
        consul.api().deleteKey("upstreams/a");
        assertThat(recorder.next()).containsExactly(new KeyValue("upstreams/b", "10.0.0.2"));
    }
}
