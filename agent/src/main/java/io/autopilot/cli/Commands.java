package io.autopilot.cli;

import io.autopilot.config.AgentConfig;
import io.autopilot.config.ConfigException;
import io.autopilot.config.ConfigLoader;
import io.autopilot.control.ControlClient;
import io.autopilot.control.ControlException;
import io.autopilot.decode.Problem;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Carries out what the command line asks for and says which exit code that deserves. */
final class Commands {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    /** Commands in ContainerPilot's precedence; at most one may be given. */
    static final List<Flag> ORDER = List.of(Flag.TEMPLATE, Flag.VALIDATE, Flag.RELOAD, Flag.MAINTENANCE,
            Flag.PUTENV, Flag.PUTMETRIC, Flag.PING, Flag.STATUS, Flag.START, Flag.STOP, Flag.RESTART, Flag.SIGNAL);

    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);

    private final String program;
    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;

    Commands(String program, Map<String, String> environment, PrintStream out, PrintStream err) {
        this.program = program;
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    int run(List<String> argv) {
        Arguments args;
        try {
            args = Arguments.parse(argv);
        } catch (UsageException e) {
            err.println(program + ": " + e.getMessage());
            err.println("Run '" + program + " -help' for usage.");
            return USAGE;
        }
        if (args.has(Flag.HELP)) {
            out.print(Help.text(program));
            return OK;
        }
        if (args.has(Flag.VERSION)) {
            out.print(Version.current().describe());
            return OK;
        }
        Optional<Flag> command = ORDER.stream().filter(args::has).findFirst();
        if (command.isEmpty()) {
            return Supervise.run(program, args, environment, err);
        }
        Optional<Path> configFile = args.configFile(environment);
        if (configFile.isEmpty()) {
            err.println(program + ": -" + command.get().flagName() + " needs a configuration: give -config FILE or"
                    + " set CONTAINERPILOT");
            return USAGE;
        }
        ConfigLoader loader = new ConfigLoader(environment);
        return switch (command.get()) {
            case TEMPLATE -> template(loader, configFile.get(), args.out());
            case VALIDATE -> validate(loader, configFile.get());
            default -> client(loader, configFile.get(), command.get(), args);
        };
    }

    private int template(ConfigLoader loader, Path file, Optional<String> outFile) {
        try {
            String rendered = loader.render(file);
            if (outFile.isEmpty() || outFile.get().equals("-")) {
                out.print(rendered);
                return OK;
            }
            Path target = Path.of(outFile.get());
            Files.writeString(target, rendered);
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
            return OK;
        } catch (ConfigException e) {
            return report(program, err, e.problems());
        } catch (IOException e) {
            err.println(program + ": -out " + outFile.get() + ": " + e.getMessage());
            return FAILED;
        }
    }

    private int validate(ConfigLoader loader, Path file) {
        try {
            AgentConfig config = loader.load(file);
            out.println(file + ": valid: " + Summary.of(config));
            return OK;
        } catch (ConfigException e) {
            return report(program, err, e.problems());
        }
    }

    private int client(ConfigLoader loader, Path file, Flag command, Arguments args) {
        try {
            ControlClient client = new ControlClient(loader.controlSocket(file), CLIENT_TIMEOUT);
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
                return FAILED;
            }
            if (command == Flag.PING) {
                out.println("ok");
            } else if (command == Flag.STATUS || Arguments.JOB_COMMANDS.contains(command)) {
                out.print(response.body());
            }
            return OK;
        } catch (ConfigException e) {
            return report(program, err, e.problems());
        } catch (ControlException e) {
            err.println(program + ": -" + command.flagName() + ": " + e.getMessage());
            return FAILED;
        }
    }

    private static String jobPath(Arguments args) {
        return "/v3/jobs/" + URLEncoder.encode(args.job().orElseThrow(), StandardCharsets.UTF_8).replace("+", "%20")
                + "/";
    }

    static int report(String program, PrintStream err, List<Problem> problems) {
        for (Problem problem : problems) {
            err.println(problem);
        }
        err.println(program + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + " in the configuration");
        return FAILED;
    }
}
