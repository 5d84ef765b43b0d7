package io.autopilot.core;

/** Reads the agent's default log format: {@code <time> [<job> <pid> ]<message>}. */
final class PackagedAgentLines {
    private PackagedAgentLines() {
    }

    /** The message of a log line, or the line itself if it is a child's raw output. */
    static String message(String line) {
        int space = line.indexOf(' ');
        if (space < 0 || !line.matches("^\\d{4}-\\d\\d-\\d\\dT.*")) {
            return line;
        }
        String rest = line.substring(space + 1);
        // A child's line carries its job and pid first.
        String[] parts = rest.split(" ", 3);
        if (parts.length == 3 && parts[1].matches("\\d+")) {
            return parts[2];
        }
        return rest;
    }
}
