package io.autopilot.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.testing.Eventually;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged agent's control plane, driven by the packaged client commands as an operator or a health check would. */
class ControlIT {
    @TempDir
    Path dir;

    private Path socket;
    private Path config;

    /** What one client command printed and how it exited. */
    private record Client(int code, String out) {
    }

    private PackagedAgent start() throws IOException {
        socket = dir.resolve("control.sock");
        config = Files.writeString(dir.resolve("control.json5"), """
                {
                  control: { socket: "%s" },
                  jobs: [
                    { name: "app", exec: ["sh", "-c", "echo app running; exec sleep 60"] },
                    { name: "hook", exec: ["sh", "-c", "echo hook sees FOO=$FOO"],
                      when: { source: "global", once: "enterMaintenance" } },
                  ],
                }
                """.formatted(socket));
        PackagedAgent agent = PackagedAgent.start("-config", config.toString());
        agent.awaitLine("control: serving at " + socket);
        return agent;
    }

    private Client client(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(PackagedAgent.LAUNCHER.toString(), "-config",
                config.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(PackagedAgent.TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the client did not exit: " + out);
        }
        return new Client(process.exitValue(), out);
    }

    private JsonObject job(String name) throws Exception {
        Client status = client("-status");
        assertThat(status.code()).as(status.out()).isZero();
        return new JsonObject(status.out()).getJsonArray("jobs").stream().map(JsonObject.class::cast)
                .filter(job -> job.getString("name").equals(name)).findFirst().orElseThrow();
    }

    @Test
    void pingPutenvAndMaintenanceWorkAsInContainerPilot() throws Exception {
        PackagedAgent agent = start();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");

        assertThat(client("-ping")).isEqualTo(new Client(0, "ok\n"));
        assertThat(client("-putenv", "FOO=bar").code()).isZero();
        assertThat(client("-maintenance", "enable").code()).isZero();

        agent.awaitLine("hook sees FOO=bar");
        agent.terminate();
        agent.exitCode();
        assertThat(socket).doesNotExist();
    }

    @Test
    void statusShowsTheJobsAndAJobIsStoppedAndStartedOnRequest() throws Exception {
        PackagedAgent agent = start();
        agent.awaitLine("app running");
        JsonObject app = job("app");
        assertThat(app.getString("state")).isEqualTo("running");
        assertThat(app.getInteger("pid")).isPositive();
        assertThat(job("hook").getString("state")).isEqualTo("waiting");

        Client stop = client("-job", "app", "-stop");
        assertThat(stop.code()).as(stop.out()).isZero();
        Eventually.until(() -> state("app").equals("held"), () -> "app held");
        assertThat(client("-job", "app", "-start").code()).isZero();
        Eventually.until(() -> agent.lines.stream().filter(line -> line.contains("app running")).count() == 2,
                () -> "app running again: " + agent.lines);

        Client unknown = client("-job", "nope", "-restart");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.out()).contains("404").contains("no job named \"nope\"");
        agent.terminate();
        agent.exitCode();
    }

    private String state(String job) {
        try {
            return job(job).getString("state");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
