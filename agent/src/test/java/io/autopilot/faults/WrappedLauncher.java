package io.autopilot.faults;

import io.autopilot.control.ControlClient;
import io.autopilot.control.ControlException;
import io.autopilot.scenarios.PidOneAgent;
import io.autopilot.scenarios.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/**
 * Starts the packaged agent as PID 1 through a script that first does {@code setUp} in the new namespaces, then execs
 * the real launcher: to start the agent with its stdout closed, or with a small file system of its own mounted. The
 * script is named {@code bin/autopilot}, so it is seen as the launcher until it execs it.
 */
final class WrappedLauncher {
    /** Where the configurations below put the control socket: inside the agent's own {@code /run}. */
    static final String SOCKET = "/run/control.sock";

    private WrappedLauncher() {
    }

    static PidOneAgent start(Scenario scenario, String setUp, String config) throws IOException {
        Path script = scenario.file("wrapper/bin/autopilot");
        Files.createDirectories(script.getParent());
        Files.writeString(script, "#!/bin/sh\nset -e\n" + setUp + "\nexec \"$AUTOPILOT\" \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path file = Files.writeString(scenario.file("agent.json5"), config);
        scenario.env("AUTOPILOT", scenario.launcher().toString());
        return scenario.startLauncher(script, "-config", file.toString());
    }

    /** The agent's control socket as the host reaches it: through the agent's root, in its mount namespace. */
    static ControlClient control(PidOneAgent agent) {
        return new ControlClient(Path.of("/proc", Long.toString(agent.pid()), "root", SOCKET.substring(1)),
                Duration.ofSeconds(10));
    }

    static boolean answersPing(PidOneAgent agent) {
        try {
            return control(agent).send("GET", "/v3/ping", "").status() == 200;
        } catch (ControlException e) {
            return false;
        }
    }
}
