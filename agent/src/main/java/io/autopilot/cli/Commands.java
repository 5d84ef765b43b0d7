package io.autopilot.cli;

import io.autopilot.config.AgentConfig;
import io.autopilot.config.ConfigException;
import io.autopilot.config.ConfigLoader;
import io.autopilot.decode.Problem;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Carries out what the command line asks for and says which exit code that deserves. */
final class Commands {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    /** What starts each warning's line, so that it reads as one beside the problems, which have no prefix. */
    static final String WARNING = "warning: ";

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
        Optional<Flag> command = Flag.COMMANDS.stream().filter(args::has).findFirst();
        if (command.isEmpty()) {
            return Supervise.run(program, args, environment, err);
        }
        Optional<Path> configFile = args.configFile(environment);
        if (configFile.isEmpty()) {
            err.println(program + ": -" + command.get().flagName() + " needs a configuration: give -config FILE or"
                    + " set CONTAINERPILOT");
            return USAGE;
        }
        if (ClientCommand.isClient(command.get())) {
            return new ClientCommand(program, environment, out, err).run(configFile.get(), command.get(), args);
        }
        ConfigLoader loader = new ConfigLoader(environment);
        return command.get() == Flag.TEMPLATE ? template(loader, configFile.get(), args.out())
                : validate(loader, configFile.get());
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
            warn(err, config.warnings());
            out.println(file + ": valid: " + Summary.of(config));
            return OK;
        } catch (ConfigException e) {
            return report(program, err, e.problems());
        }
    }

    /** Warnings go to stderr, one a line, and leave the exit code alone: the configuration is usable. */
    static void warn(PrintStream err, List<Problem> warnings) {
        for (Problem warning : warnings) {
            err.println(WARNING + warning);
        }
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
