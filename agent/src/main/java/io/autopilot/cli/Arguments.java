package io.autopilot.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parsed command line. Flags follow Go's flag package, as ContainerPilot's do: one or two dashes, values as
 * {@code -flag value} or {@code -flag=value}, booleans as {@code -flag} or {@code -flag=true}. Everything after
 * {@code --} is the main job's command (tini-style: {@code autopilot -- app --port 80}).
 *
 * <p>Unlike ContainerPilot, which silently ignores stray arguments and treats any maintenance value but "enable" as
 * "disable", every mistake here is a usage error that names the flag.
 */
record Arguments(
        Optional<String> config,
        Set<Flag> switches,
        Optional<String> out,
        Optional<Boolean> maintenance,
        Map<String, String> putenv,
        Map<String, String> putmetric,
        Optional<String> job,
        Optional<String> signal,
        List<String> command,
        PlanFormat plan) {

    /** What {@code -plan} prints: text, or with {@code -plan=dot} Graphviz's DOT. */
    enum PlanFormat { TEXT, DOT }

    /** The per-job commands: each needs -job, and -job needs one of them. */
    static final Set<Flag> JOB_COMMANDS = EnumSet.of(Flag.START, Flag.STOP, Flag.RESTART, Flag.SIGNAL);

    boolean has(Flag flag) {
        return switches.contains(flag);
    }

    /** The configuration file: {@code -config}, else {@code CONTAINERPILOT} when it is set and not blank. */
    Optional<Path> configFile(Map<String, String> environment) {
        return config.or(() -> Optional.ofNullable(environment.get("CONTAINERPILOT")).filter(path -> !path.isBlank()))
                .map(Path::of);
    }

    static Arguments parse(List<String> args) throws UsageException {
        Parser parser = new Parser();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                parser.command.addAll(args.subList(i + 1, args.size()));
                if (parser.command.isEmpty()) {
                    throw new UsageException("\"--\" must be followed by the command of the main job");
                }
                break;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                throw new UsageException("unexpected argument \"" + arg + "\": to run a command as the main job, put"
                        + " it after \"--\"");
            }
            String body = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
            int equals = body.indexOf('=');
            String name = equals < 0 ? body : body.substring(0, equals);
            Flag flag = Flag.named(name).orElseThrow(() -> new UsageException("unknown flag -" + name));
            if (flag == Flag.PLAN) { // its value, if any, only as -plan=dot: "-plan FILE" must not swallow a flag
                parser.plan(equals < 0 ? "text" : body.substring(equals + 1));
                continue;
            }
            if (!flag.takesValue()) {
                parser.bool(flag, equals < 0 ? "true" : body.substring(equals + 1));
                continue;
            }
            String value;
            if (equals >= 0) {
                value = body.substring(equals + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new UsageException("-" + name + " needs a value");
            }
            parser.value(flag, value);
        }
        return parser.build();
    }

    /** Accumulates flags while parsing; {@link #build()} checks how they combine. */
    private static final class Parser {
        private Optional<String> config = Optional.empty();
        private final Set<Flag> switches = EnumSet.noneOf(Flag.class);
        private Optional<String> out = Optional.empty();
        private Optional<Boolean> maintenance = Optional.empty();
        private final Map<String, String> putenv = new LinkedHashMap<>();
        private final Map<String, String> putmetric = new LinkedHashMap<>();
        private Optional<String> job = Optional.empty();
        private Optional<String> signal = Optional.empty();
        private final List<String> command = new ArrayList<>();
        private PlanFormat plan = PlanFormat.TEXT;

        void plan(String value) throws UsageException {
            plan = switch (value) {
                case "text" -> PlanFormat.TEXT;
                case "dot" -> PlanFormat.DOT;
                default -> throw new UsageException("-plan takes no value, or \"=dot\" (or \"=text\"), not \""
                        + value + "\"");
            };
            switches.add(Flag.PLAN);
        }

        void bool(Flag flag, String value) throws UsageException {
            switch (value) {
                case "true", "1", "t", "T", "TRUE", "True" -> switches.add(flag);
                case "false", "0", "f", "F", "FALSE", "False" -> switches.remove(flag);
                default -> throw new UsageException("-" + flag.flagName() + " takes no value (or true/false), not \""
                        + value + "\"");
            }
        }

        void value(Flag flag, String value) throws UsageException {
            switch (flag) {
                case CONFIG -> config = Optional.of(nonEmpty(flag, value));
                case OUT -> out = Optional.of(nonEmpty(flag, value));
                case MAINTENANCE -> maintenance = Optional.of(switch (value) {
                    case "enable" -> true;
                    case "disable" -> false;
                    default -> throw new UsageException("-maintenance must be \"enable\" or \"disable\", not \""
                            + value + "\"");
                });
                case PUTENV -> keyValue(flag, value, putenv);
                case PUTMETRIC -> keyValue(flag, value, putmetric);
                case JOB -> job = Optional.of(nonEmpty(flag, value));
                case SIGNAL -> signal = Optional.of(nonEmpty(flag, value));
                default -> throw new IllegalStateException("flag without value handled as one: " + flag);
            }
            switches.add(flag);
        }

        Arguments build() throws UsageException {
            if (out.isPresent() && !switches.contains(Flag.TEMPLATE)) {
                throw new UsageException("-out goes with -template");
            }
            boolean jobCommand = switches.stream().anyMatch(JOB_COMMANDS::contains);
            if (jobCommand && job.isEmpty()) {
                throw new UsageException("-start, -stop, -restart and -signal need -job NAME");
            }
            if (job.isPresent() && !jobCommand) {
                throw new UsageException("-job goes with -start, -stop, -restart or -signal");
            }
            List<Flag> commands = switches.stream().filter(Flag.COMMANDS::contains).toList();
            // -version and -help win over anything, as -version does in ContainerPilot; two other commands are a
            // mistake, where ContainerPilot silently ran the first by its precedence.
            if (commands.size() > 1 && !switches.contains(Flag.VERSION) && !switches.contains(Flag.HELP)) {
                throw new UsageException("choose one of " + String.join(", ",
                        commands.stream().map(f -> "-" + f.flagName()).toList()));
            }
            if (!command.isEmpty() && !commands.isEmpty() && !switches.contains(Flag.VERSION)
                    && !switches.contains(Flag.HELP) && !switches.contains(Flag.VALIDATE)) {
                throw new UsageException("a main-job command after \"--\" cannot go with -" + commands.getFirst()
                        .flagName());
            }
            return new Arguments(config, Set.copyOf(switches), out, maintenance, Collections.unmodifiableMap(putenv),
                    Collections.unmodifiableMap(putmetric), job, signal, List.copyOf(command), plan);
        }

        private static String nonEmpty(Flag flag, String value) throws UsageException {
            if (value.isEmpty()) {
                throw new UsageException("-" + flag.flagName() + " needs a value");
            }
            return value;
        }

        private static void keyValue(Flag flag, String value, Map<String, String> into) throws UsageException {
            int equals = value.indexOf('=');
            if (equals <= 0) {
                throw new UsageException("-" + flag.flagName() + " takes KEY=VALUE, not \"" + value + "\"");
            }
            into.put(value.substring(0, equals), value.substring(equals + 1));
        }
    }
}
