package io.autopilot.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding and reading the OOM killer's counters in cgroup v1 and v2 layouts, as the kernel lays them out. */
class OomCountersTest {
    @TempDir
    Path dir;

    private Path write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    /** The counts now, of a machine whose {@code /proc} and cgroup mount are under the test's folder. */
    private OomCounters.Reading reading() {
        return new OomCounters(dir.resolve("proc"), dir.resolve("cg")).read();
    }

    @Test
    void cgroupV2CountsTheAgentsOwnCgroupsMemoryEvents() throws IOException {
        write("proc/self/cgroup", "0::/system.slice/app.service\n");
        Path events = write("cg/system.slice/app.service/memory.events",
                "low 0\nhigh 0\nmax 4\noom 1\noom_kill 1\noom_group_kill 0\n");
        OomCounters.Reading before = reading();
        assertThat(before.rose()).isFalse();

        Files.writeString(events, "low 0\nhigh 0\nmax 9\noom 2\noom_kill 2\noom_group_kill 0\n");
        assertThat(before.rose()).isTrue();
    }

    @Test
    void cgroupV1OfAHybridHostCountsTheMemoryControllersOomControl() throws IOException {
        write("proc/self/cgroup", "9:name=systemd:/\n4:memory:/docker/abc\n1:cpu,cpuacct:/\n0::/\n");
        Path control = write("cg/memory/docker/abc/memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n");
        write("cg/unified/cgroup.procs", "");
        OomCounters.Reading before = reading();

        Files.writeString(control, "oom_kill_disable 0\nunder_oom 0\noom_kill 1\n");
        assertThat(before.rose()).isTrue();
    }

    @Test
    void aCgroupAJobMadeBelowTheAgentsCountsAndOneMadeAfterTheReadingCountsFromZero() throws IOException {
        write("proc/self/cgroup", "4:memory:/agent\n0::/\n");
        write("cg/memory/agent/memory.oom_control", "oom_kill 0\n");
        Path existing = write("cg/memory/agent/old/memory.oom_control", "oom_kill 2\n");
        OomCounters.Reading before = reading();
        assertThat(before.rose()).isFalse();

        write("cg/memory/agent/new/memory.oom_control", "oom_kill 1\n");
        assertThat(before.rose()).isTrue();
        OomCounters.Reading later = reading();
        Files.writeString(existing, "oom_kill 3\n");
        assertThat(later.rose()).isTrue();
    }

    @Test
    void aContainerThatSeesItsCgroupAsTheMountsRootReadsTheRoot() throws IOException {
        write("proc/self/cgroup", "0::/kubepods/pod1/c1\n");
        Path events = write("cg/memory.events", "oom_kill 0\n");
        OomCounters.Reading before = reading();

        Files.writeString(events, "oom_kill 3\n");
        assertThat(before.rose()).isTrue();
    }

    @Test
    void withoutAnyCounterNothingIsPutDownToTheOomKiller() throws IOException {
        write("proc/self/cgroup", "0::/\n");
        assertThat(reading().rose()).isFalse();
        assertThat(new OomCounters(dir.resolve("none"), dir.resolve("cg")).read().rose()).isFalse();
    }
}
