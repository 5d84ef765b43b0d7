package io.autopilot.cli;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The text of {@code -help}: every flag, one line each. */
final class Help {
    private Help() {
    }

    static String text(String program) {
        String flags = Arrays.stream(Flag.values()).map(Flag::helpLine).collect(Collectors.joining("\n"));
        return "Usage: " + program + " [-config FILE] [-- COMMAND [ARG...]]\n"
                + "       " + program + " -config FILE -template|-validate|-reload|-ping|-status|...\n"
                + "       " + program + " -config FILE -job NAME -start|-stop|-restart|-signal SIG\n\n"
                + "Runs as the init process of a container: supervises the jobs of FILE (ContainerPilot 3 JSON5, or\n"
                + "HOCON/JSON), and COMMAND, if given, as the main job whose exit ends the container.\n\n"
                + "Flags (one dash or two; values as -flag VALUE or -flag=VALUE):\n" + flags + "\n\n"
                + "Exit codes: 0 ok; 1 invalid configuration or failed command; 2 usage error. When running, the\n"
                + "main job's exit code (128+N if killed by signal N).\n";
    }
}
