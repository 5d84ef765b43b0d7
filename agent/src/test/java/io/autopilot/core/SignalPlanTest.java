package io.autopilot.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignalPlanTest {
    @Test
    void termAndIntStopTheAgentHupAndUsr2AreEventsUsr1ReopensTheLog() {
        assertThat(SignalPlan.of("TERM")).contains(SignalPlan.SHUTDOWN);
        assertThat(SignalPlan.of("INT")).contains(SignalPlan.SHUTDOWN);
        assertThat(SignalPlan.of("HUP")).contains(SignalPlan.EVENT);
        assertThat(SignalPlan.of("USR2")).contains(SignalPlan.EVENT);
        assertThat(SignalPlan.of("USR1")).contains(SignalPlan.REOPEN_LOG);
    }

    @Test
    void synchronousFaultsChildAndPipeSignalsAreNeitherHandledNorForwarded() {
        for (String name : new String[] {"ABRT", "BUS", "FPE", "ILL", "SEGV", "SYS", "TRAP", "CHLD", "PIPE", "QUIT"}) {
            assertThat(SignalPlan.of(name)).as(name).isEmpty();
            assertThat(SignalPlan.handledExceptUsr2()).as(name).doesNotContain(name);
        }
    }

    @Test
    void everyOtherCatchableSignalIsForwarded() {
        assertThat(SignalPlan.handledExceptUsr2()).containsAll(SignalPlan.FORWARDED)
                .contains("TERM", "INT", "HUP", "USR1").doesNotContain("USR2");
        assertThat(SignalPlan.of("WINCH")).contains(SignalPlan.FORWARD);
    }
}
