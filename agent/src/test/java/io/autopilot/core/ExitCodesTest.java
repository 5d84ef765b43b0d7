package io.autopilot.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.process.ExitStatus;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExitCodesTest {
    private final ExitCodes codes = new ExitCodes();

    @Test
    void theMainJobsCodeWinsOverJobsThatEndedAfterIt() {
        codes.jobEnded(true, Optional.of(ExitStatus.killed(15)));
        codes.jobEnded(false, Optional.of(ExitStatus.exited(0)));

        assertThat(codes.code()).isEqualTo(143);
    }

    @Test
    void withoutAMainJobTheJobThatEndedLastDecides() {
        codes.jobEnded(false, Optional.of(ExitStatus.exited(3)));
        codes.jobEnded(false, Optional.of(ExitStatus.exited(127)));
        codes.jobEnded(false, Optional.empty());

        assertThat(codes.code()).isEqualTo(127);
    }

    @Test
    void aSignalDecidesOnlyWhenNoJobEverRan() {
        codes.stoppedBy(15);
        codes.stoppedBy(2);
        assertThat(codes.code()).as("the first signal, as the process it killed would report").isEqualTo(143);

        codes.jobEnded(false, Optional.of(ExitStatus.exited(0)));
        assertThat(codes.code()).isZero();
    }

    @Test
    void aFatalErrorIsOneWhateverElseHappened() {
        codes.stoppedBy(15);
        codes.jobEnded(true, Optional.of(ExitStatus.exited(0)));
        codes.failedFatally();

        assertThat(codes.code()).isEqualTo(1);
    }

    @Test
    void nothingRanIsZeroAndAFailedAgentIsOne() {
        assertThat(codes.code()).isZero();
        codes.agentFailed();
        assertThat(codes.code()).isEqualTo(1);
    }
}
