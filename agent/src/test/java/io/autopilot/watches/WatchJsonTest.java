package io.autopilot.watches;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.discovery.KeyValue;
import io.autopilot.discovery.ServiceInstance;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a triggered job is given: Consul's field names, and nothing beyond the environment's limit. */
class WatchJsonTest {
    private static final ServiceInstance WEB = new ServiceInstance("web-1", "node-1", "10.0.0.1", 8080,
            List.of("blue"), Map.of("zone", "a", "version", "\"2\""));

    @Test
    void instancesAndKeysAreWrittenWithConsulsFieldNamesAndSortedMeta() {
        assertThat(WatchJson.encode(List.of(WEB), Watch.ENVIRONMENT_LIMIT)).contains("[{\"ID\":\"web-1\","
                + "\"Node\":\"node-1\",\"Address\":\"10.0.0.1\",\"Port\":8080,\"Tags\":[\"blue\"],"
                + "\"Meta\":{\"version\":\"\\\"2\\\"\",\"zone\":\"a\"}}]");
        assertThat(WatchJson.encode(List.of(new KeyValue("k", "é")), Watch.ENVIRONMENT_LIMIT))
                .contains("[{\"Key\":\"k\",\"Value\":\"é\"}]");
    }

    /** Thousands of instances once became a tree and a text of megabytes on every change, then were dropped. */
    @Test
    void whatWouldNotFitTheLimitIsNotWrittenAtAll() {
        String fits = WatchJson.encode(List.of(WEB), Integer.MAX_VALUE).orElseThrow();
        int utf8 = fits.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;

        assertThat(WatchJson.encode(List.of(WEB), utf8)).contains(fits);
        assertThat(WatchJson.encode(List.of(WEB), utf8 - 1)).isEmpty();
        assertThat(WatchJson.encode(List.of(new KeyValue("k", "é")), 21)).isEmpty();
        assertThat(WatchJson.encode(Collections.nCopies(5000, WEB), Watch.ENVIRONMENT_LIMIT)).isEmpty();
    }
}
