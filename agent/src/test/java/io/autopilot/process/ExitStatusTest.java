package io.autopilot.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExitStatusTest {

    @Test
    void anExitCodeIsTheContainerExitCode() {
        assertThat(ExitStatus.exited(0).containerExitCode()).isZero();
        assertThat(ExitStatus.exited(3).containerExitCode()).isEqualTo(3);
        assertThat(ExitStatus.exited(255).containerExitCode()).isEqualTo(255);
    }

    @Test
    void aKillingSignalBecomes128PlusItsNumber() {
        assertThat(ExitStatus.killed(15).containerExitCode()).isEqualTo(143);
        assertThat(ExitStatus.killed(9).containerExitCode()).isEqualTo(137);
    }

    @Test
    void onlyExitCodeZeroIsSuccess() {
        assertThat(ExitStatus.exited(0).isSuccess()).isTrue();
        assertThat(ExitStatus.exited(1).isSuccess()).isFalse();
        assertThat(ExitStatus.killed(15).isSuccess()).isFalse();
    }

    @Test
    void rejectsCodesAndSignalsOutsideTheirRange() {
        assertThatThrownBy(() -> ExitStatus.exited(256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExitStatus.killed(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
