package io.autopilot.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.process.Child;
import io.autopilot.process.ChildEnvironment;
import io.autopilot.process.ExitStatus;
import io.autopilot.process.Output;
import io.autopilot.process.SpawnRequest;
import io.autopilot.process.SpawnResult;
import io.autopilot.process.Spawner;
import io.autopilot.testing.Eventually;
import io.autopilot.testing.RawHttp;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The packaged agent ({@code bin/autopilot} of the distribution failsafe names in {@code autopilot.dist}) with a
 * configuration of {@link ConsulFaultConfig}, spawned with our own spawner: the Consul fixture already runs our reaper
 * in this JVM, and beside it the JDK's would lose the agent's exit code. Its output lines are kept with the time each
 * arrived, so a case can count what the agent logged during a fault; its control socket and metrics are read as an
 * operator and a scraper would.
 */
final class FaultedAgent implements AutoCloseable {
    private static final Path LAUNCHER =
            Path.of(System.getProperty("autopilot.dist", "target/autopilot"), "bin", "autopilot");
    private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(30);

    /** One line of output and when it arrived ({@link System#nanoTime()}). */
    record Line(long nanos, String text) {
    }

    private final ConsulFaultConfig config;
    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final Child child;

    private FaultedAgent(ConsulFaultConfig config) {
        this.config = config;
        Output output = Output.lines(text -> lines.add(new Line(System.nanoTime(), text)));
        var request = SpawnRequest.of(List.of(LAUNCHER.toString(), "-config", config.file().toString()),
                ChildEnvironment.fromAgent()).withStdout(output).withStderr(output);
        child = ((SpawnResult.Started) Spawner.system().spawn(request)).child();
    }

    /** Starts the agent and returns once its control plane serves. */
    static FaultedAgent start(ConsulFaultConfig config) {
        var agent = new FaultedAgent(config);
        agent.await("control: serving at");
        return agent;
    }

    void await(String text) {
        Eventually.until(() -> lines.stream().anyMatch(line -> line.text().contains(text)), Duration.ofSeconds(60),
                () -> "a line with \"" + text + "\" in " + text());
    }

    /** The lines that arrived between two instants of {@link System#nanoTime()}. */
    List<String> linesBetween(long fromNanos, long toNanos) {
        return lines.stream().filter(line -> line.nanos() >= fromNanos && line.nanos() < toNanos).map(Line::text)
                .toList();
    }

    /** {@code GET /v3/status} on the control socket. */
    JsonObject status() {
        RawHttp.Answer answer = control("GET /v3/status");
        assertThat(answer.status()).as("status answer %s", answer.text()).isEqualTo(200);
        return new JsonObject(answer.body());
    }

    /** A control request ({@code "GET /v3/ping"}) and its answer, within a generous bound. */
    RawHttp.Answer control(String methodAndPath) {
        String request = methodAndPath + " HTTP/1.1\r\nHost: control\r\nContent-Length: 0\r\n\r\n";
        return RawHttp.exchange(config.socket(), request, false, CONTROL_TIMEOUT);
    }

    /** Each job's pid now, by job name; a restarted job has another. */
    Map<String, Integer> pids() {
        return status().getJsonArray("jobs").stream().map(JsonObject.class::cast)
                .filter(job -> job.getInteger("pid") != null)
                .collect(Collectors.toMap(job -> job.getString("name"), job -> job.getInteger("pid")));
    }

    /** The sum of every job's restarts. */
    int restarts() {
        return status().getJsonArray("jobs").stream().map(JsonObject.class::cast)
                .mapToInt(job -> job.getInteger("restarts", 0)).sum();
    }

    /** The agent's metrics as Prometheus scrapes them. */
    MetricsScrape metrics() {
        return MetricsScrape.scrape(config.telemetryPort());
    }

    /** SIGTERM, then the agent must stop within 30 s having thrown nothing it did not handle. */
    void stopCleanly() throws Exception {
        ProcessHandle.of(child.pid()).orElseThrow().destroy();
        ExitStatus exit;
        try {
            exit = child.exit().get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the agent did not stop within 30 s of SIGTERM; its output:\n" + text(), e);
        }
        assertThat(text()).as("exit %s", exit).contains("stopped: exit")
                .doesNotContain("Unhandled exception").doesNotContain("internal error")
                .doesNotContain("Exception in thread");
    }

    String text() {
        return lines.stream().map(Line::text).collect(Collectors.joining("\n"));
    }

    /** After a failure: SIGTERM so the agent stops its jobs too, SIGKILL to the agent alone if it hangs. */
    @Override
    public void close() throws Exception {
        if (child.exit().isDone()) {
            return;
        }
        ProcessHandle.of(child.pid()).ifPresent(ProcessHandle::destroy);
        try {
            child.exit().get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            ProcessHandle.of(child.pid()).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
