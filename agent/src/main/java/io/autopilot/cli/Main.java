package io.autopilot.cli;

import java.util.List;

/** The agent's entry point; the only place that exits the process. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        String program = System.getProperty("autopilot.program", "autopilot");
        int code = new Commands(program, System.getenv(), System.out, System.err).run(List.of(args));
        System.out.flush();
        System.exit(code);
    }
}
