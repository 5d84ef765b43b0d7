package io.autopilot.cli;

import io.autopilot.config.ConfigException;
import io.autopilot.config.ConfigLoader;
import io.autopilot.config.ControlSocketScan;
import io.autopilot.control.ControlClient;
import io.autopilot.control.ControlException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A client command: one request to the running agent's control plane. Health checks run these every few seconds,
 * so nothing here loads more than the socket's lookup and the request need: the socket comes from
 * {@link ControlSocketScan}, and from the full {@link ConfigLoader} only when the scan cannot tell.
 */
final class ClientCommand {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String program;
    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;

    ClientCommand(String program, Map<String, String> environment, PrintStream out, PrintStream err) {
        this.program = program;
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    /** Whether {@code command} is one of these (the others run here, in the command-line process). */
    static boolean isClient(Flag command) {
        return switch (command) {
            case RELOAD, MAINTENANCE, PUTENV, PUTMETRIC, PING, STATUS, START, STOP, RESTART, SIGNAL -> true;
            default -> false;
        };
    }

    int run(Path file, Flag command, Arguments args) {
        try {
            ControlClient client = new ControlClient(socket(file), TIMEOUT);
            ControlClient.Response response = switch (command) {
                case RELOAD -> client.send("POST", "/v3/reload", "");
                case MAINTENANCE -> client.send("POST", "/v3/maintenance/"
                        + (args.maintenance().orElseThrow() ? "enable" : "disable"), "");
                case PUTENV -> client.send("POST", "/v3/environ", ControlClient.jsonObject(args.putenv()));
                case PUTMETRIC -> client.send("POST", "/v3/metric", ControlClient.jsonObject(args.putmetric()));
                case PING -> client.send("GET", "/v3/ping", "");
                case STATUS -> client.send("GET", "/v3/status", "");
                case START, STOP, RESTART -> client.send("POST", jobPath(args) + command.flagName(), "");
                case SIGNAL -> client.send("POST", jobPath(args) + "signal",
                        ControlClient.jsonObject(Map.of("signal", args.signal().orElseThrow())));
                default -> throw new IllegalStateException("not a client command: " + command);
            };
            if (!response.ok()) {
                err.println(program + ": -" + command.flagName() + ": the agent answered " + response.status()
                        + (response.body().isBlank() ? "" : ": " + response.body().strip()));
                return Commands.FAILED;
            }
            if (command == Flag.PING) {
                out.println("ok");
            } else if (command == Flag.RELOAD) {
                // What the reload started, restarted and stopped, or that nothing changed: the agent's one line.
                out.println(response.body().strip());
            } else if (command == Flag.STATUS || Arguments.JOB_COMMANDS.contains(command)) {
                out.print(response.body());
            }
            return Commands.OK;
        } catch (ConfigException e) {
            return Commands.report(program, err, e.problems());
        } catch (ControlException e) {
            err.println(program + ": -" + command.flagName() + ": " + e.getMessage());
            return Commands.FAILED;
        }
    }

    private Path socket(Path file) throws ConfigException {
        Path quick = ControlSocketScan.find(file, environment).orElse(null);
        return quick != null ? quick : new ConfigLoader(environment).controlSocket(file);
    }

    private static String jobPath(Arguments args) {
        return "/v3/jobs/" + URLEncoder.encode(args.job().orElseThrow(), StandardCharsets.UTF_8).replace("+", "%20")
                + "/";
    }
}
