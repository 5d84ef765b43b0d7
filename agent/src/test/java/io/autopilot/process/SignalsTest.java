package io.autopilot.process;

import static io.autopilot.process.Children.await;
import static io.autopilot.process.Children.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SignalsTest {
    private static final int SELF = (int) ProcessHandle.current().pid();
    private static final int HUP = Signals.number("HUP");

    @Test
    void theHandlerReceivesHupUsr1AndWinchSentToOurOwnPid() throws Exception {
        BlockingQueue<String> caught = new LinkedBlockingQueue<>();
        Signals.handle(Set.of("SIGHUP", "USR1", "winch"), caught::add);

        for (var name : List.of("HUP", "USR1", "WINCH")) {
            Libc.kill(SELF, Signals.number(name));
            assertThat(caught.poll(Children.TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEqualTo(name);
        }
    }

    @Test
    void aSignalIgnoredBeforehandIsResetAndThenHandled() throws Exception {
        // HotSpot silently skips installing a handler for HUP, INT or TERM while it is SIG_IGN.
        SignalDisposition.set(HUP, LinuxAbi.SIG_IGN);
        assertThat(SignalDisposition.isIgnored(HUP)).isTrue();
        BlockingQueue<String> caught = new LinkedBlockingQueue<>();

        Signals.handle(Set.of("HUP"), caught::add);

        assertThat(SignalDisposition.isIgnored(HUP)).isFalse();
        Libc.kill(SELF, HUP);
        assertThat(caught.poll(Children.TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEqualTo("HUP");
    }

    @Test
    void quitIsRefusedBecauseTheJvmDumpsThreadsOnIt() {
        assertThatThrownBy(() -> Signals.handle(Set.of("QUIT"), name -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("thread dumps");
    }

    @Test
    void knowsLinuxSignalNumbersWithOrWithoutThePrefix() {
        assertThat(Signals.number("TERM")).isEqualTo(15);
        assertThat(Signals.number("SIGKILL")).isEqualTo(9);
        assertThat(Signals.number("usr2")).isEqualTo(12);
    }

    @Test
    void usr2AndAnInheritedIgnoredHupReachAJvmStartedWithAMovedSuspendSignal() {
        var environment = new LinkedHashMap<>(ChildEnvironment.fromAgent());
        environment.put("_JAVA_SR_SIGNUM", "40");

        // The shell ignores HUP and execs the JVM, which so inherits SIG_IGN, as under nohup.
        var ran = runProbe(environment, "trap '' HUP; exec \"$@\"", "USR2", "HUP");

        assertThat(ran.lines()).first().isEqualTo("ready");
        assertThat(ran.lines()).containsExactlyInAnyOrder("ready", "caught USR2", "caught HUP");
        assertThat(ran.status()).isEqualTo(ExitStatus.exited(0));
    }

    @Test
    void usr2IsRefusedWithAHintWhenTheJvmKeepsItsSuspendSignal() {
        var ran = runProbe(ChildEnvironment.fromAgent(), "exec \"$@\"", "USR2");

        assertThat(ran.lines()).singleElement().asString()
                .startsWith("refused: SIGUSR2 is the JVM's suspend/resume signal").contains("_JAVA_SR_SIGNUM=40");
        assertThat(ran.status()).isEqualTo(ExitStatus.exited(2));
    }

    /** Starts {@link SignalProbe} in a child JVM through {@code sh -c script}, signalling it once it is ready. */
    private static ProbeRun runProbe(Map<String, String> environment, String script, String... signals) {
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", script, "sh",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "--enable-native-access=ALL-UNNAMED",
                "-cp", classPath(), SignalProbe.class.getName()));
        argv.addAll(List.of(signals));
        Queue<String> lines = new ConcurrentLinkedQueue<>();
        var started = new CompletableFuture<Child>();
        var child = start(SpawnRequest.of(argv, environment).withStdout(Output.lines(line -> {
            lines.add(line);
            // On the pipe thread, which may read "ready" before start() has returned here: join waits for it.
            if (line.equals("ready")) for (var name : signals) started.join().signal(Signals.number(name));
        })));
        started.complete(child);
        var status = await(child);
        return new ProbeRun(status, List.copyOf(lines));
    }

    private static String classPath() {
        return String.join(":", location(Signals.class), location(SignalProbe.class));
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private record ProbeRun(ExitStatus status, List<String> lines) {}
}
