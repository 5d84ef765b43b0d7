package io.autopilot.jobs;

import io.autopilot.decode.Fields;
import java.util.List;
import java.util.Locale;

/** Reads a job's {@code stopSignal}: a signal name, with or without {@code SIG}, in any case. */
final class StopSignals {
    static final String DEFAULT = "SIGTERM";
    /** Signals that ask a process to stop; KILL is what the stop timeout escalates to anyway. */
    private static final List<String> ALLOWED = List.of("SIGTERM", "SIGINT", "SIGQUIT", "SIGHUP", "SIGUSR1",
            "SIGUSR2", "SIGWINCH", "SIGKILL");

    private StopSignals() {
    }

    static String decode(Fields fields, String key) {
        return fields.string(key).map(text -> {
            String name = text.trim().toUpperCase(Locale.ROOT);
            String full = name.startsWith("SIG") ? name : "SIG" + name;
            if (!ALLOWED.contains(full)) {
                fields.problem(key, "must be one of " + String.join(", ", ALLOWED) + ", not \"" + text + "\"");
                return DEFAULT;
            }
            return full;
        }).orElse(DEFAULT);
    }
}
