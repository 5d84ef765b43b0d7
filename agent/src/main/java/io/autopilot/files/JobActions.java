package io.autopilot.files;

import io.autopilot.decode.Fields;
import io.autopilot.files.TemplateConfig.JobAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Reads a template's shorthands for what follows a change: {@code signal: {job, signal}} and {@code restart}. */
final class JobActions {
    /** Signals a process is commonly told to reload or reopen with; KILL and STOP are no change action. */
    private static final List<String> SIGNALS = List.of("SIGHUP", "SIGUSR1", "SIGUSR2", "SIGTERM", "SIGINT",
            "SIGQUIT", "SIGWINCH");

    private JobActions() {
    }

    static List<JobAction> decode(Fields fields, Set<String> jobs) {
        List<JobAction> actions = new ArrayList<>();
        fields.object("signal", (signal, path) -> {
            Optional<String> job = signal.requiredString("job").filter(name -> known(signal, "job", name, jobs));
            Optional<String> name = signal.requiredString("signal").flatMap(text -> signalName(signal, text));
            return job.flatMap(j -> name.map(n -> new JobAction(j, Optional.of(n))));
        }).flatMap(action -> action).ifPresent(actions::add);
        fields.string("restart").filter(name -> known(fields, "restart", name, jobs))
                .ifPresent(job -> actions.add(new JobAction(job, Optional.empty())));
        return actions;
    }

    private static boolean known(Fields fields, String key, String job, Set<String> jobs) {
        if (!jobs.contains(job)) {
            fields.problem(key, "\"" + job + "\" is not a job of this configuration");
            return false;
        }
        return true;
    }

    private static Optional<String> signalName(Fields fields, String text) {
        String upper = text.trim().toUpperCase(Locale.ROOT);
        String full = upper.startsWith("SIG") ? upper : "SIG" + upper;
        if (!SIGNALS.contains(full)) {
            fields.problem("signal", "must be one of " + String.join(", ", SIGNALS) + ", not \"" + text + "\"");
            return Optional.empty();
        }
        return Optional.of(full);
    }
}
