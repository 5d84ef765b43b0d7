package io.autopilot.faults;

import io.autopilot.faults.CountingProxy.Request;
import io.autopilot.testing.Eventually;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * One case of the fleet simulation: N agents against one {@link FleetConsul}, each through its own port of a
 * {@link CountingProxy}, in four phases, each printing a line {@code fault: fleet: <case> N=<n>: ...}:
 * <ol>
 *   <li>idle: the requests of each agent per minute once all are registered and their watches block, by kind;</li>
 *   <li>memory: PSS, RSS and anonymous memory of each agent's JVM;</li>
 *   <li>changes: an instance of the watched service registered and deregistered in turn, each time until every
 *       agent's job has run; the delay from the change to each job's run, and to the last agent's;</li>
 *   <li>restart: Consul taken away for a while and brought back; the agents' attempts while it is away and the
 *       requests per 100 ms window from its return until every agent is registered and passing again.</li>
 * </ol>
 * It asserts only what must always hold: every agent registered and passing (at the start and after the restart),
 * every agent's job run for every change, no agent ended, and the idle requests below a bound that a watch polling
 * instead of blocking would exceed.
 */
final class FleetScenario {
    /** Watch queries per agent per minute at idle above which the watch no longer blocks: it waits 60 s a query. */
    static final double MAX_IDLE_WATCH_PER_MINUTE = 6;
    /** All requests per agent per minute at idle: two TTL updates every 5 s make 24, the watch about one more. */
    static final double MAX_IDLE_PER_MINUTE = 40;
    private static final long WINDOW_NANOS = Duration.ofMillis(100).toNanos();
    private static final Duration CHANGE_TIMEOUT = Duration.ofSeconds(30);
    private static final String INSTANCE = Fleet.WATCHED + "-1";

    /**
     * How big and how long: by hand from system properties ({@code fleet.size}, {@code fleet.idle} and
     * {@code fleet.outage} in seconds, {@code fleet.rounds}), else the suite's bounded form.
     */
    record Settings(int size, Duration idle, int rounds, Duration outage) {
        static Settings fromProperties(int size, int idleSeconds, int rounds, int outageSeconds) {
            return new Settings(Integer.getInteger("fleet.size", size),
                    Duration.ofSeconds(Integer.getInteger("fleet.idle", idleSeconds)),
                    Integer.getInteger("fleet.rounds", rounds),
                    Duration.ofSeconds(Integer.getInteger("fleet.outage", outageSeconds)));
        }

        /**
         * Generous for a loaded machine: JVMs starting at once share its cores (10 agents took over a minute on 2
         * cores at a load average of 45).
         */
        Duration startTimeout() {
            return Duration.ofSeconds(180 + 2L * size);
        }
    }

    private final Settings settings;
    private final Path dist;
    private final Path work;

    FleetScenario(Settings settings, Path dist, Path work) {
        this.settings = settings;
        this.dist = dist;
        this.work = work;
    }

    void run(FleetConsul consul) {
        String load = loadAverage();
        int size = settings.size();
        List<InetSocketAddress> upstreams = IntStream.range(0, size).mapToObj(consul.upstream()).toList();
        try (var proxy = CountingProxy.start(upstreams);
                var fleet = Fleet.start(dist, work, size, proxy::address)) {
            var report = new Report(consul.name(), size);
            long started = System.nanoTime();
            fleet.awaitPassing(consul.api(), settings.startTimeout());
            Eventually.until(() -> everyWatchBlocks(proxy.requests(), size), settings.startTimeout(),
                    () -> "every agent's watch blocking on " + Fleet.WATCHED);
            report.say("started: every agent registered, passing and watching %.1f s after the first was started"
                    .formatted((System.nanoTime() - started) / 1e9));
            idle(fleet, proxy, report);
            memory(fleet, report);
            changes(fleet, consul, report);
            restart(fleet, proxy, consul, report);
            report.say("machine: %d cores, %s; load average before %s, after %s".formatted(
                    Runtime.getRuntime().availableProcessors(), cpuModel(), load, loadAverage()));
        }
    }

    private void idle(Fleet fleet, CountingProxy proxy, Report report) {
        long from = System.nanoTime();
        holdRunning(fleet, settings.idle(), "idle");
        var idle = Traffic.between(proxy.requests(), fleet.size(), from, System.nanoTime());
        double[] rates = idle.perAgentPerMinute();
        double mean = Arrays.stream(rates).average().orElse(0);
        var byKind = idle.perAgentPerMinuteByKind();
        report.say(("idle %.0f s: requests per agent per minute median %.1f (min %.1f, max %.1f), mean %.1f"
                + " = %.2f per second; of which per agent per minute: %s").formatted(idle.minutes() * 60,
                Traffic.percentile(rates, 50), Traffic.percentile(rates, 0), Traffic.percentile(rates, 100), mean,
                mean / 60, Traffic.describe(byKind)));
        double watch = byKind.getOrDefault(Traffic.Kind.WATCH, 0.0);
        if (watch > MAX_IDLE_WATCH_PER_MINUTE || mean > MAX_IDLE_PER_MINUTE) {
            throw new AssertionError(("at idle each agent made %.1f requests a minute, %.1f of them watch queries;"
                    + " at most %.0f and %.0f were expected (a watch that blocks asks about once a minute)")
                    .formatted(mean, watch, MAX_IDLE_PER_MINUTE, MAX_IDLE_WATCH_PER_MINUTE));
        }
    }

    private static void memory(Fleet fleet, Report report) {
        double[][] kib = new double[3][fleet.size()];
        for (int i = 0; i < fleet.size(); i++) {
            long[] memory = smapsRollup(fleet.agent(i).pid(), "Pss:", "Rss:", "Anonymous:");
            for (int k = 0; k < 3; k++) {
                kib[k][i] = memory[k];
            }
        }
        report.say(("memory per agent (its JVM, from smaps_rollup): PSS median %.1f MiB (max %.1f), RSS median %.1f"
                + " MiB (max %.1f), anonymous median %.1f MiB (max %.1f); fleet PSS total %.0f MiB").formatted(
                Traffic.percentile(kib[0], 50) / 1024, Traffic.percentile(kib[0], 100) / 1024,
                Traffic.percentile(kib[1], 50) / 1024, Traffic.percentile(kib[1], 100) / 1024,
                Traffic.percentile(kib[2], 50) / 1024, Traffic.percentile(kib[2], 100) / 1024,
                Arrays.stream(kib[0]).sum() / 1024));
    }

    private void changes(Fleet fleet, FleetConsul consul, Report report) {
        List<Double> each = new ArrayList<>();
        double[] last = new double[settings.rounds()];
        for (int round = 1; round <= settings.rounds(); round++) {
            long changed = epochNanos();
            if (round % 2 == 1) {
                consul.api().put("/v1/agent/service/register", new JsonObject().put("ID", INSTANCE)
                        .put("Name", Fleet.WATCHED).put("Address", "127.0.0.1").put("Port", 9999).encode());
            } else {
                consul.api().deregister(INSTANCE);
            }
            int runs = round;
            awaitEach(fleet, "'s job to run for change " + round, i -> fleet.stamps(i).size() >= runs);
            for (int i = 0; i < fleet.size(); i++) {
                double millis = (fleet.stamps(i).get(round - 1) - changed) / 1e6;
                each.add(millis);
                last[round - 1] = Math.max(last[round - 1], millis);
            }
            awaitEach(fleet, "'s job to end its run for change " + round, i -> fleet.runsEnded(i) >= runs);
        }
        double[] all = each.stream().mapToDouble(Double::doubleValue).toArray();
        report.say(("change to job, %d rounds (register/deregister in turn): per agent p50 %.0f ms, p99 %.0f ms;"
                + " to every agent p50 %.0f ms, p99 %.0f ms, max %.0f ms").formatted(settings.rounds(),
                Traffic.percentile(all, 50), Traffic.percentile(all, 99), Traffic.percentile(last, 50),
                Traffic.percentile(last, 99), Traffic.percentile(last, 100)));
    }

    private void restart(Fleet fleet, CountingProxy proxy, FleetConsul consul, Report report) {
        long down = System.nanoTime();
        consul.down().run();
        holdRunning(fleet, settings.outage(), "Consul away");
        long upStarted = System.nanoTime();
        consul.up().run();
        long up = System.nanoTime();
        fleet.awaitPassing(consul.api(), settings.startTimeout());
        long recovered = System.nanoTime();
        var away = Traffic.between(proxy.requests(), fleet.size(), down, upStarted);
        var back = Traffic.between(proxy.requests(), fleet.size(), upStarted, recovered);
        int[] windows = back.perWindow(WINDOW_NANOS);
        int[] firstSecond = Arrays.copyOf(windows, Math.min(windows.length, 10));
        report.say(("Consul away %.1f s: %d attempts (%.2f per agent per second), at most %d in a 100 ms window;"
                + " back, answering after %.1f s: every agent passing again %.1f s later, %d requests until then"
                + " (%.1f per agent: %s), per 100 ms window at most %d, mean %.1f, first second %s").formatted(
                (upStarted - down) / 1e9, away.requests().size(),
                away.requests().size() / (away.minutes() * 60) / fleet.size(), max(away.perWindow(WINDOW_NANOS)),
                (up - upStarted) / 1e9, (recovered - up) / 1e9, back.requests().size(),
                (double) back.requests().size() / fleet.size(), back.composition(), max(windows),
                (double) back.requests().size() / windows.length, Arrays.toString(firstSecond)));
    }

    private static void awaitEach(Fleet fleet, String what, IntPredicate done) {
        for (int i = 0; i < fleet.size(); i++) {
            int agent = i;
            fleet.agent(i).await(Fleet.hostname(i) + what, CHANGE_TIMEOUT, () -> done.test(agent));
        }
    }

    /** Waits {@code window} while checking that no agent has ended. */
    private static void holdRunning(Fleet fleet, Duration window, String what) {
        Eventually.holdsFor(window, () -> IntStream.range(0, fleet.size()).allMatch(i -> fleet.agent(i).isRunning()),
                () -> "every agent running through " + what);
    }

    private static boolean everyWatchBlocks(List<Request> requests, int size) {
        boolean[] blocking = new boolean[size];
        for (Request request : requests) {
            if (request.path().equals("/v1/health/service/" + Fleet.WATCHED) && request.target().contains("index=")) {
                blocking[request.client()] = true;
            }
        }
        return IntStream.range(0, size).allMatch(i -> blocking[i]);
    }

    private static int max(int[] counts) {
        return Arrays.stream(counts).max().orElse(0);
    }

    private static long epochNanos() {
        Instant now = Instant.now();
        return ChronoUnit.NANOS.between(Instant.EPOCH, now);
    }

    private static long[] smapsRollup(long pid, String... keys) {
        long[] values = new long[keys.length];
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                for (int k = 0; k < keys.length; k++) {
                    if (line.startsWith(keys[k])) {
                        values[k] = Long.parseLong(line.substring(keys[k].length()).strip().split("\\s+")[0]);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the memory of agent pid " + pid, e);
        }
        return values;
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/loadavg")).getFirst().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    /** Prints the case's figures, one line each, where the suite's log and the bench script find them. */
    private record Report(String name, int size) {
        void say(String text) {
            System.out.println("fault: fleet: " + name + " N=" + size + ": " + text);
        }
    }
}
