package io.autopilot.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SignalRelayTest {
    private final SignalRelay relay = SignalRelay.detached();
    private final List<String> delivered = new CopyOnWriteArrayList<>();

    @Test
    void signalsBeforeTheAgentExistsAreKeptOnceEachInOrderAndHandedOnFirst() {
        relay.receive("TERM");
        relay.receive("HUP");
        relay.receive("TERM");

        relay.deliverTo(delivered::add);
        relay.receive("INT");

        assertThat(delivered).containsExactly("TERM", "HUP", "INT");
    }
}
