package io.autopilot.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every command-line flag, with its help line. Names are ContainerPilot's; as with Go's flag package, each may be
 * written with one dash or two, and a value as {@code -flag value} or {@code -flag=value}.
 */
enum Flag {
    CONFIG("config", "FILE", "the configuration file (default: $CONTAINERPILOT)"),
    VERSION("version", null, "print the version and exit"),
    TEMPLATE("template", null, "render the configuration's template and print it (or write it to -out), then exit"),
    OUT("out", "FILE", "with -template: write the rendered configuration to FILE instead of stdout"),
    VALIDATE("validate", null, "load the configuration, print every problem (and warning), exit 1 if any problem"),
    PLAN("plan", null, "print what starts what (jobs, watches, templates, signals, events); -plan=dot: as Graphviz DOT"),
    RELOAD("reload", null, "tell the running agent to reload its configuration"),
    MAINTENANCE("maintenance", "enable|disable", "tell the running agent to enter or leave maintenance mode"),
    PUTENV("putenv", "KEY=VALUE", "set an environment variable in the running agent (repeatable)"),
    PUTMETRIC("putmetric", "NAME=VALUE", "record a value of a user metric in the running agent (repeatable)"),
    PING("ping", null, "check that the running agent's control plane answers"),
    STATUS("status", null, "print the running agent's status: its jobs, services and watches (JSON)"),
    JOB("job", "NAME", "the job that -start, -stop, -restart or -signal acts on"),
    START("start", null, "with -job: run the job now (a stopped job starts again)"),
    STOP("stop", null, "with -job: stop the job's process and hold it stopped until -start"),
    RESTART("restart", null, "with -job: stop the job's process and run it again"),
    SIGNAL("signal", "SIG", "with -job: send a signal (HUP, SIGUSR1, 15, ...) to the job's process"),
    HELP("help", null, "print this help and exit");

    /** The commands in ContainerPilot's precedence; at most one may be given. */
    static final List<Flag> COMMANDS = List.of(TEMPLATE, VALIDATE, PLAN, RELOAD, MAINTENANCE, PUTENV, PUTMETRIC, PING,
            STATUS, START, STOP, RESTART, SIGNAL);

    private final String name;
    private final String value;
    private final String help;

    Flag(String name, String value, String help) {
        this.name = name;
        this.value = value;
        this.help = help;
    }

    String flagName() {
        return name;
    }

    boolean takesValue() {
        return value != null;
    }

    String helpLine() {
        String left = "  -" + name + (value == null ? "" : " " + value);
        return String.format("%-32s %s", left, help);
    }

    static Optional<Flag> named(String name) {
        if (name.equals("h")) {
            return Optional.of(HELP);
        }
        return Arrays.stream(values()).filter(f -> f.name.equals(name)).findFirst();
    }
}
