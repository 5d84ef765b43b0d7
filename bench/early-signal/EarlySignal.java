import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongPredicate;

/**
 * The bench of run.sh: starts the packaged agent as PID 1 of a pid namespace again and again, follows its start-up in
 * /proc, and sends it SIGTERM. Arguments: DIST RUNS DELAY_MS...
 */
public final class EarlySignal {
    private static final int TERM = 15;
    private static final int WINCH = 28; // taken only by the agent's own handlers, not the JVM's defaults
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(20);

    public static void main(String[] args) throws Exception {
        Path launcher = Path.of(args[0], "bin", "autopilot");
        int runs = Integer.parseInt(args[1]);
        List<Integer> delays = Arrays.stream(args).skip(2).map(Integer::parseInt).toList();

        List<double[]> traces = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            try (Run run = Run.start(launcher)) {
                traces.add(run.trace());
                run.signal(TERM);
                run.awaitExit(TimeUnit.SECONDS.toNanos(10));
            }
        }
        String[] stages = {"launcher without its trap", "launcher with its trap (a TERM exits 143)",
            "JVM without a TERM handler (a TERM is lost)", "JVM's own handler (a TERM exits 143)"};
        System.out.println("stages of the start-up, ms, from the launcher's exec (" + runs + " runs):");
        for (int s = 0; s < stages.length; s++) {
            int stage = s;
            double[] lengths = traces.stream().mapToDouble(t -> t[stage + 1] - t[stage]).sorted().toArray();
            System.out.printf(Locale.ROOT, "  %-45s median %6.1f  min %6.1f  max %6.1f%n", stages[s],
                    lengths[lengths.length / 2], lengths[0], lengths[lengths.length - 1]);
        }
        double[] untilAgent = traces.stream().mapToDouble(t -> t[4]).sorted().toArray();
        System.out.printf(Locale.ROOT, "  %-45s median %6.1f  min %6.1f  max %6.1f%n",
                "until the agent's handlers", untilAgent[untilAgent.length / 2], untilAgent[0],
                untilAgent[untilAgent.length - 1]);

        System.out.println("SIGTERM at a delay after the launcher's exec (" + runs + " runs each):");
        for (int delay : delays) {
            TreeMap<String, Integer> outcomes = new TreeMap<>();
            for (int i = 0; i < runs; i++) {
                try (Run run = Run.start(launcher)) {
                    run.awaitLauncher();
                    long at = run.launcherSeen + TimeUnit.MILLISECONDS.toNanos(delay);
                    while (System.nanoTime() < at) {
                        LockSupport.parkNanos(SPIN_NANOS);
                    }
                    run.signal(TERM);
                    OptionalLong code = run.awaitExit(TimeUnit.SECONDS.toNanos(5));
                    outcomes.merge(code.isPresent() ? "exit " + code.getAsLong() : "lost", 1, Integer::sum);
                }
            }
            System.out.printf(Locale.ROOT, "  %4d ms: %s%n", delay, outcomes);
        }
    }

    /** One start of the agent as PID 1. */
    private static final class Run implements AutoCloseable {
        final Process unshare;
        long inner = -1;
        long launcherSeen;

        private Run(Process unshare) {
            this.unshare = unshare;
        }

        static Run start(Path launcher) throws IOException {
            return new Run(new ProcessBuilder("unshare", "--pid", "--fork", "--mount-proc", "--kill-child",
                    "/bin/sh", "-c", "exec \"$0\" \"$@\"", launcher.toString(), "--", "sleep", "600")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start());
        }

        void awaitLauncher() {
            spin(pid -> isLauncher(pid));
            launcherSeen = System.nanoTime();
        }

        /** When each stage began, ms after the launcher was first seen: trap, exec, JVM handler, agent handler. */
        double[] trace() {
            awaitLauncher();
            double trap = spin(pid -> isLauncher(pid) && catches(pid, TERM) || isJvm(pid));
            double exec = spin(EarlySignal::isJvm);
            double jvm = spin(pid -> isJvm(pid) && catches(pid, TERM));
            double agent = spin(pid -> isJvm(pid) && catches(pid, WINCH));
            return new double[] {0, trap, exec, jvm, agent};
        }

        private double spin(LongPredicate stage) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (true) {
                if (inner < 0) {
                    inner = child(unshare.pid());
                }
                if (inner > 0 && stage.test(inner)) {
                    return (System.nanoTime() - launcherSeen) / 1e6;
                }
                if (System.nanoTime() > deadline || !unshare.isAlive()) {
                    throw new IllegalStateException("the agent's start-up did not reach a stage; alive: "
                            + unshare.isAlive());
                }
                LockSupport.parkNanos(SPIN_NANOS);
            }
        }

        void signal(int number) {
            ProcessHandle.of(inner).ifPresent(process -> {
                if (number == TERM) {
                    process.destroy();
                } else {
                    process.destroyForcibly();
                }
            });
        }

        OptionalLong awaitExit(long nanos) throws InterruptedException {
            return unshare.waitFor(nanos, TimeUnit.NANOSECONDS) ? OptionalLong.of(unshare.exitValue())
                    : OptionalLong.empty();
        }

        @Override
        public void close() throws InterruptedException {
            if (unshare.isAlive()) {
                ProcessHandle.of(inner).ifPresent(ProcessHandle::destroyForcibly);
                unshare.destroyForcibly();
                unshare.waitFor();
            }
        }
    }

    private static long child(long parent) {
        try {
            String children = Files.readString(Path.of("/proc", Long.toString(parent), "task", Long.toString(parent),
                    "children")).trim();
            return children.isEmpty() ? -1 : Long.parseLong(children.split(" ")[0]);
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** {@code /bin/sh …/bin/autopilot …}: the launcher, before it execs the JVM. */
    private static boolean isLauncher(long pid) {
        try {
            String[] argv = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    StandardCharsets.UTF_8).split("\0");
            return argv.length > 1 && argv[1].endsWith("bin/autopilot") && !isJvm(pid);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isJvm(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe")).getFileName().toString()
                    .equals("java");
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean catches(long pid, int number) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("SigCgt:")) {
                    return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << (number - 1))) != 0;
                }
            }
        } catch (IOException e) {
            // gone
        }
        return false;
    }
}
