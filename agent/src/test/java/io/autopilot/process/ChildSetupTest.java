package io.autopilot.process;

import static io.autopilot.process.Children.await;
import static io.autopilot.process.Children.request;
import static io.autopilot.process.Children.run;
import static io.autopilot.process.Children.sh;
import static io.autopilot.process.Children.start;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every child starts with: its own group, a clean signal state, only fds 0-2, our environment and directory. */
class ChildSetupTest {
    private static final int TERM = Signals.number("TERM");
    private static final int TTOU = Signals.number("TTOU");

    @Test
    void everyChildLeadsItsOwnProcessGroup() throws Exception {
        var child = start(request("sleep", "1000"));
        try {
            assertThat(child.processGroup()).isEqualTo(child.pid());
            assertThat(ProcStat.of(child.pid()).processGroup()).isEqualTo(child.pid());
            assertThat(ProcStat.of((int) ProcessHandle.current().pid()).processGroup()).isNotEqualTo(child.pid());
        } finally {
            child.signal(Signals.number("KILL"));
            await(child);
        }
    }

    @Test
    void signallingTheGroupAlsoKillsAGrandchild() throws Exception {
        var grandchild = new CompletableFuture<Integer>();
        var child = start(sh("sleep 1000 & echo $!; wait")
                .withStdout(Output.lines(line -> grandchild.complete(Integer.parseInt(line)))));
        int grandchildPid = grandchild.get(Children.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(ProcStat.of(grandchildPid).processGroup()).isEqualTo(child.pid());

        assertThat(child.signal(TERM)).isTrue();

        assertThat(await(child)).isEqualTo(ExitStatus.killed(TERM));
        // The grandchild holds the stdout pipe: end of file means it is dead too, not merely orphaned.
        child.outputClosed().get(Children.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void childrenStartWithNoBlockedAndNoIgnoredSignals() {
        // Ignored here, so the child would inherit it without POSIX_SPAWN_SETSIGDEF.
        SignalDisposition.set(TTOU, LinuxAbi.SIG_IGN);
        try {
            var status = run(request("cat", "/proc/self/status")).stdout();

            assertThat(status).contains("SigBlk:\t0000000000000000", "SigIgn:\t0000000000000000");
        } finally {
            SignalDisposition.set(TTOU, LinuxAbi.SIG_DFL);
        }
    }

    @Test
    void childrenInheritNoFileDescriptorAboveTwo() throws Exception {
        // The JDK opens files without O_CLOEXEC, so this one would leak into the child without closefrom(3).
        try (var leaky = new FileInputStream("/proc/self/status")) {
            assertThat(leaky.getFD().valid()).isTrue();
            assertThat(descriptorsWithoutCloseOnExec()).isNotEmpty();

            var fds = run(sh("ls /proc/$$/fd")).stdout();

            assertThat(fds).containsExactly("0", "1", "2");
        }
    }

    @Test
    void stdinIsDevNull() {
        assertThat(run(request("readlink", "/proc/self/fd/0")).stdout()).containsExactly("/dev/null");
    }

    @Test
    void theEnvironmentIsExactlyTheGivenOne() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("A", "1");
        environment.put("B", "two words");
        environment.put("EMPTY", "");

        var printed = run(new SpawnRequest(List.of("/usr/bin/env"), environment, Optional.empty(),
                Output.inherit(), Output.inherit())).stdout();

        assertThat(printed).containsExactly("A=1", "B=two words", "EMPTY=");
    }

    @Test
    void theWorkingDirectoryIsHonoured(@TempDir Path dir) throws Exception {
        var printed = run(request("/bin/pwd").withWorkingDirectory(dir)).stdout();

        assertThat(printed).containsExactly(dir.toRealPath().toString());
    }

    @Test
    void aRelativeProgramPathIsResolvedInTheWorkingDirectory(@TempDir Path dir) throws Exception {
        var script = Files.writeString(dir.resolve("hello"), "#!/bin/sh\necho hello from $PWD\n");
        script.toFile().setExecutable(true);

        var ran = run(request("./hello").withWorkingDirectory(dir));

        assertThat(ran.status()).isEqualTo(ExitStatus.exited(0));
        assertThat(ran.stdout()).containsExactly("hello from " + dir);
    }

    private static List<String> descriptorsWithoutCloseOnExec() throws Exception {
        try (var infos = Files.list(Path.of("/proc/self/fdinfo"))) {
            return infos.filter(info -> Integer.parseInt(info.getFileName().toString()) > 2)
                    .filter(ChildSetupTest::lacksCloseOnExec)
                    .map(info -> info.getFileName().toString())
                    .toList();
        }
    }

    private static boolean lacksCloseOnExec(Path fdinfo) {
        try {
            var flags = Files.readAllLines(fdinfo).stream()
                    .filter(l -> l.startsWith("flags:")).findFirst().orElseThrow();
            return (Integer.parseInt(flags.substring("flags:".length()).trim(), 8) & 02000000) == 0;
        } catch (Exception e) {
            return false; // closed meanwhile
        }
    }
}
