package io.autopilot.discovery.consul;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@code .lock} value of a semaphore, in the form Consul's own semaphore writes. */
class SemaphoreHoldersTest {
    @Test
    void readsWhatConsulsOwnSemaphoreWrites() {
        var holders = SemaphoreHolders.decode("{\"Limit\":2,\"Holders\":{\"s1\":true,\"s2\":true,\"s3\":false}}", 1);
        assertThat(holders.limit()).isEqualTo(2);
        assertThat(holders.holders()).containsExactlyInAnyOrder("s1", "s2");
    }

    @Test
    void writesWhatItReads() {
        var holders = new SemaphoreHolders(3, Set.of()).with("a\"b", 3).with("c", 3);
        assertThat(SemaphoreHolders.decode(holders.encode(), 1)).isEqualTo(holders);
        assertThat(holders.without("c").holders()).containsExactly("a\"b");
    }

    @Test
    void anEmptyOrUnreadableValueHasNoHolders() {
        assertThat(SemaphoreHolders.decode("", 4)).isEqualTo(new SemaphoreHolders(4, Set.of()));
        assertThat(SemaphoreHolders.decode("not json", 4)).isEqualTo(new SemaphoreHolders(4, Set.of()));
        assertThat(SemaphoreHolders.decode("[1,2]", 4)).isEqualTo(new SemaphoreHolders(4, Set.of()));
    }

    @Test
    void aHolderWithoutALiveContenderKeyIsPruned() {
        var holders = SemaphoreHolders.decode("{\"Limit\":2,\"Holders\":{\"dead\":true,\"alive\":true}}", 2);
        assertThat(holders.alive(Set.of("alive", "waiting")).holders()).containsExactly("alive");
    }
}
