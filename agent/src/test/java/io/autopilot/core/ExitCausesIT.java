package io.autopilot.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.autopilot.testing.Eventually;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Why a job's process died, told by the packaged agent: the kernel's OOM killer in a real memory cgroup (the agent's,
 * and a job's own below it), the agent's stop, a timeout, another signal sent from outside. Each is checked where a
 * user sees it: the log line, {@code -status}, the exit metric's {@code cause} label and the exit event (through a
 * job it starts, which prints the event's {@code CONTAINERPILOT_EXIT_CAUSE}).
 */
class ExitCausesIT {
    private static final long AGENT_LIMIT = 320L << 20;
    private static final long JOB_LIMIT = 48L << 20;
    /** A job that prints each exit of one job, from the exit event's variables. */
    private static final String REPORT = """
            { name: "report-%s", when: { source: "%s", each: "exitFailed" }, exec: ["sh", "-c",
              "echo \\"exit of $CONTAINERPILOT_EXIT_SOURCE: $CONTAINERPILOT_EXIT_CAUSE ($CONTAINERPILOT_EXIT_REASON)\\""] },
            """;

    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private PackagedAgent agent;
    private MemoryCgroup cgroup;
    private int port;

    @AfterEach
    void stop() throws Exception {
        if (agent != null && agent.process.isAlive()) {
            agent.terminate();
            agent.exitCode();
        }
        if (cgroup != null) {
            cgroup.close();
        }
    }

    @Test
    void theOomKillerInTheAgentsCgroupAndInAJobsOwnIsOom() throws Exception {
        Optional<MemoryCgroup> made = MemoryCgroup.create("autopilot-exit-causes-" + UUID.randomUUID(), AGENT_LIMIT);
        assumeTrue(made.isPresent(), "needs root and a memory cgroup controller");
        cgroup = made.get();
        Optional<MemoryCgroup> own = cgroup.child("own", JOB_LIMIT);
        // tail buffers /dev/zero looking for a newline until the kernel kills it; it asks to be the OOM killer's
        // first choice, so that the agent's JVM, in the same cgroup, is not.
        String hog = "echo 1000 > /proc/self/oom_score_adj && exec tail /dev/zero";
        String ownHog = own.map(c -> "echo $$ > " + c.path() + "/cgroup.procs && " + hog).orElse("true");
        agent = PackagedAgent.startThrough(cgroup.wrapper(), Map.of(), "-config", config("""
                { name: "hog", exec: ["sh", "-c", "%s"] },
                { name: "ownhog", exec: ["sh", "-c", "%s"] },
                """.formatted(hog, ownHog), "hog", "ownhog").toString());

        awaitCause("hog", "oom", "killed by SIGKILL: out of memory (the kernel's OOM killer)");
        if (own.isPresent()) {
            awaitCause("ownhog", "oom", "killed by SIGKILL: out of memory (the kernel's OOM killer)");
        }
    }

    @Test
    void theAgentsStopATimeoutAndAnotherSignalEachSayWhy() throws Exception {
        Path config = config("""
                { name: "stoppable", exec: ["sleep", "300"] },
                { name: "slow", exec: ["sleep", "300"], timeout: "300ms" },
                { name: "victim", exec: ["sleep", "300"] },
                { name: "stubborn", exec: ["sh", "-c", "trap '' TERM; echo TERM ignored; while :; do sleep 0.05; done"] },
                """, "stoppable", "slow", "victim", "stubborn");
        agent = PackagedAgent.start("-config", config.toString());
        agent.awaitLine("telemetry: serving");

        awaitCause("slow", "timeout", "timed out after 300ms");

        AtomicInteger pid = new AtomicInteger();
        Eventually.until(() -> {
            pid.set(Optional.ofNullable(jobOrEmpty("victim").getInteger("pid")).orElse(0));
            return pid.get() > 0;
        }, () -> "victim's pid in -status");
        int victim = pid.get();
        Process kill = new ProcessBuilder("kill", "-USR1", Integer.toString(victim)).start();
        assertThat(kill.waitFor()).isZero();
        awaitCause("victim", "signal", "killed by SIGUSR1");

        assertThat(PackagedAgent.client(config, Map.of(), "-stop", "-job", "stoppable").code()).isZero();
        awaitCause("stoppable", "stopped", "killed by SIGTERM");

        // The agent's stopTimeout (1s) runs out on a job that ignores SIGTERM: the agent kills it.
        agent.awaitLine("TERM ignored");
        agent.terminate();
        agent.exitCode();
        assertThat(agent.lines).anyMatch(line -> line.contains("stubborn (pid ")
                && line.contains("ended: killed by SIGKILL; cause: timeout"));
    }

    /** The cause as the log, -status, /metrics and the event each give it. */
    private void awaitCause(String job, String cause, String reason) {
        agent.awaitLine(job + " (pid ");
        agent.awaitLine("ended: " + reason + "; cause: " + cause);
        agent.awaitLine("exit of " + job + ": " + cause + " (" + reason + ")");
        Eventually.until(() -> statusCause(job).equals(cause), () -> job + "'s lastExitCause " + cause);
        Eventually.until(() -> metrics().contains("autopilot_job_exits_total{cause=\"" + cause + "\",name=\"" + job
                + "\""), () -> "an exit of " + job + " with cause " + cause + " in /metrics");
    }

    private String statusCause(String job) {
        return String.valueOf(jobOrEmpty(job).getString("lastExitCause"));
    }

    /** The job's entry in {@code -status}; empty while the agent cannot answer yet. */
    private JsonObject jobOrEmpty(String name) {
        try {
            PackagedAgent.ClientRun status = PackagedAgent.client(dir.resolve("causes.json5"), Map.of(), "-status");
            JsonArray jobs = new JsonObject(status.out()).getJsonArray("jobs");
            return jobs.stream().map(JsonObject.class::cast).filter(job -> job.getString("name").equals(name))
                    .findFirst().orElse(new JsonObject());
        } catch (IOException | RuntimeException e) {
            return new JsonObject();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new JsonObject();
        }
    }

    private String metrics() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException e) {
            return "unreachable: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** The jobs given, a job for each of {@code watched} that prints its exits, telemetry, and no Consul. */
    private Path config(String jobs, String... watched) throws IOException {
        port = freePort();
        StringBuilder reports = new StringBuilder();
        for (String job : watched) {
            reports.append(REPORT.formatted(job, job));
        }
        return Files.writeString(dir.resolve("causes.json5"), """
                {
                  consul: "127.0.0.1:%d",
                  stopTimeout: "1s",
                  control: { socket: "%s" },
                  telemetry: { port: %d, interfaces: ["static:127.0.0.1"] },
                  jobs: [
                    %s
                    %s
                  ],
                }
                """.formatted(freePort(), dir.resolve("control.sock"), port, jobs, reports));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
