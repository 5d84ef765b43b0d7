package io.autopilot.cli;

import java.io.PrintStream;

/** Run mode: the agent as the container's init, supervising the configured jobs. */
final class Supervise {
    private Supervise() {
    }

    static int run(String program, Arguments args, PrintStream err) {
        err.println(program + ": supervising jobs is not part of this build yet; use -validate, -template or the"
                + " client commands");
        return Commands.FAILED;
    }
}
