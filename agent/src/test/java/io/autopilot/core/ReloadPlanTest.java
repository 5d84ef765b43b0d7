package io.autopilot.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.events.EventCode;
import io.autopilot.jobs.JobConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a reload restarts, decided from the old and the new configuration alone. */
class ReloadPlanTest {
    private static JobConfig job(String name, String script) {
        return Jobs.sh(name, script);
    }

    @Test
    void sortsJobsIntoAddedRestartedAndRemovedAndLeavesEqualOnesOut() {
        ReloadPlan plan = ReloadPlan.of(
                List.of(job("same", "a"), job("edited", "a"), job("gone", "a")),
                List.of(job("new", "a"), job("edited", "b"), job("same", "a")));

        assertThat(plan.added()).containsExactly("new");
        assertThat(plan.restarted()).containsExactly("edited");
        assertThat(plan.removed()).containsExactly("gone");
        assertThat(plan.stopping()).containsExactlyInAnyOrder("edited", "gone");
        assertThat(plan.creating()).containsExactlyInAnyOrder("edited", "new");
        assertThat(plan.hooksFirst()).isEmpty();
    }

    @Test
    void theHooksOfARestartedJobAreRestartedWithItTransitively() {
        List<JobConfig> before = List.of(job("app", "v1"),
                Jobs.on("app", EventCode.STOPPING, "prestop", "x"),
                Jobs.on("prestop", EventCode.STOPPED, "after-prestop", "x"),
                Jobs.on("app", EventCode.HEALTHY, "follower", "x"));
        List<JobConfig> after = List.of(job("app", "v2"), before.get(1), before.get(2), before.get(3));

        ReloadPlan plan = ReloadPlan.of(before, after);

        assertThat(plan.restarted()).containsExactly("app", "prestop", "after-prestop");
        assertThat(plan.hooksFirst()).containsExactlyInAnyOrder("prestop", "after-prestop");
        assertThat(plan.added()).isEmpty();
    }

    @Test
    void aChangedHookAloneLeavesItsSourceRunning() {
        List<JobConfig> before = List.of(job("app", "v1"), Jobs.on("app", EventCode.STOPPING, "prestop", "a"));
        ReloadPlan plan = ReloadPlan.of(before, List.of(before.get(0),
                Jobs.on("app", EventCode.STOPPING, "prestop", "b")));

        assertThat(plan.restarted()).containsExactly("prestop");
        assertThat(plan.hooksFirst()).isEmpty();
        assertThat(plan.stopHooks()).isEqualTo(Map.of("app", Set.of("prestop")));
    }

    @Test
    void preStopHooksAreThoseOfTheNewConfiguration() {
        List<JobConfig> before = List.of(job("app", "v1"), Jobs.on("app", EventCode.STOPPING, "old-hook", "a"));
        ReloadPlan plan = ReloadPlan.of(before, List.of(before.get(0),
                Jobs.on("app", EventCode.STOPPING, "new-hook", "a")));

        assertThat(plan.removed()).containsExactly("old-hook");
        assertThat(plan.added()).containsExactly("new-hook");
        assertThat(plan.stopHooks()).isEqualTo(Map.of("app", Set.of("new-hook")));
        assertThat(plan.touchesNoJob()).isFalse();
        assertThat(ReloadPlan.of(before, before).touchesNoJob()).isTrue();
    }
}
