package io.autopilot.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.events.Event;
import io.autopilot.events.ExitCause;
import io.autopilot.events.EventCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class TriggerGateTest {
    private static final Event DB = new Event.Healthy("db");
    private static final Event CACHE = new Event.Healthy("cache");

    @Test
    void matchAllOnceFiresWhenEverySourceHasPublishedTheEvent() {
        var gate = new TriggerGate("app", new Trigger.OnEvent(List.of("db", "cache"), EventCode.HEALTHY, false,
                Trigger.Match.ALL));
        assertThat(gate.fires(DB)).isFalse();
        assertThat(gate.fires(DB)).isFalse();
        assertThat(gate.fires(CACHE)).isTrue();
        assertThat(gate.fires(DB)).isFalse();
        assertThat(gate.fires(CACHE)).as("once: disarmed").isFalse();
    }

    @Test
    void matchAllEachStartsOverAfterEveryStart() {
        var gate = new TriggerGate("app", new Trigger.OnEvent(List.of("db", "cache"), EventCode.HEALTHY, true,
                Trigger.Match.ALL));
        assertThat(List.of(gate.fires(DB), gate.fires(CACHE), gate.fires(CACHE), gate.fires(DB)))
                .containsExactly(false, true, false, true);
    }

    @Test
    void matchAnyFiresOnEachSource() {
        var gate = new TriggerGate("app", new Trigger.OnEvent(List.of("db", "cache"), EventCode.HEALTHY, true,
                Trigger.Match.ANY));
        assertThat(List.of(gate.fires(DB), gate.fires(CACHE), gate.fires(new Event.Unhealthy("db", ""))))
                .containsExactly(true, true, false);
    }

    @Test
    void aJobNeverStartsOnItsOwnEventsOrItsChecksAsInContainerPilot() {
        var gate = new TriggerGate("app", new Trigger.OnEvent(List.of("app", "check.app"), EventCode.EXIT_FAILED,
                true, Trigger.Match.ANY));
        assertThat(gate.fires(new Event.ExitFailed("app", 1, 1, "exit 1", ExitCause.EXIT))).isFalse();
        assertThat(gate.fires(new Event.ExitFailed("check.app", 1, 1, "exit 1", ExitCause.EXIT))).isFalse();
    }

    @Test
    void stopHooksAreTheJobsStartedByStoppingOrStopped() {
        assertThat(new TriggerGate("pre", new Trigger.OnEvent("app", EventCode.STOPPING, false)).isStopHook())
                .isTrue();
        assertThat(new TriggerGate("post", new Trigger.OnEvent("app", EventCode.STOPPED, true)).isStopHook())
                .isTrue();
        assertThat(new TriggerGate("app", Trigger.STARTUP).isStopHook()).isFalse();
    }
}
