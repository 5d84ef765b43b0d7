package io.autopilot.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.jobs.JobConfig;
import io.autopilot.jobs.Trigger;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MainCommandTest {
    @Test
    void theCommandBecomesARawMainJobNamedAfterItsProgramThatStartsOnStartup() {
        JobConfig job = MainCommand.job(List.of("/usr/sbin/nginx", "-g", "daemon off;"), Set.of());

        assertThat(job.name()).isEqualTo("nginx");
        assertThat(job.exec()).containsExactly("/usr/sbin/nginx", "-g", "daemon off;");
        assertThat(job.main()).isTrue();
        assertThat(job.raw()).isTrue();
        assertThat(job.when().trigger()).isInstanceOf(Trigger.OnStartup.class);
        assertThat(job.stopSignal()).isEqualTo("SIGTERM");
    }

    @Test
    void aNameAConfiguredJobHasGetsANumber() {
        assertThat(MainCommand.uniqueName("app", Set.of("app", "app-2"))).isEqualTo("app-3");
        assertThat(MainCommand.uniqueName("dir/", Set.of())).isEqualTo("main");
    }

    @Test
    void theCommandsJobComesAfterTheConfiguredOnesAndConflictsWithAConfiguredMainJob() {
        JobConfig configured = Jobs.main("web", "true");
        List<JobConfig> all = MainCommand.withCommand(List.of(configured), List.of("sh"));

        assertThat(all).extracting(JobConfig::name).containsExactly("web", "sh");
        assertThat(MainCommand.conflictingMainJob(List.of(configured), List.of("sh"))).contains("web");
        assertThat(MainCommand.conflictingMainJob(List.of(configured), List.of())).isEmpty();
        assertThat(MainCommand.withCommand(List.of(configured), List.of())).containsExactly(configured);
    }
}
