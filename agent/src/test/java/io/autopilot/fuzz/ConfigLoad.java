package io.autopilot.fuzz;

import io.autopilot.config.ConfigException;
import io.autopilot.config.ConfigLoader;
import io.autopilot.decode.Problem;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Loads one configuration file as the agent does and says what came of it, in the terms fuzzing counts: loaded, a
 * problem report whose every problem has a line, a problem without a line, a stack trace (anything thrown that is
 * not a problem report) or a hang.
 */
final class ConfigLoad {
    enum Verdict { LOADED, PROBLEMS, PROBLEM_WITHOUT_LINE, STACK_TRACE, HUNG }

    /** What one load came to; {@code detail} says what to look at when it is not one of the two good verdicts. */
    record Result(Verdict verdict, String detail) {
        boolean isGood() {
            return verdict == Verdict.LOADED || verdict == Verdict.PROBLEMS;
        }
    }

    /** The environment of the examples: enough set for their templates, and one variable the fuzzing may read. */
    private static final Map<String, String> ENVIRONMENT = Map.of("CONSUL", "consul:8500", "HOME", "/root",
            "X", "value", "A", "1");
    private static final ConfigLoader LOADER = new ConfigLoader(ENVIRONMENT);

    private ConfigLoad() {
    }

    /** Writes {@code bytes} to {@code dir}/{@code name} and loads it. */
    static Result of(Path dir, String name, byte[] bytes) throws IOException {
        Path file = Files.write(dir.resolve(name), bytes);
        Trial trial = Trial.run(() -> LOADER.load(file));
        Files.deleteIfExists(file);
        if (trial.hung()) {
            return new Result(Verdict.HUNG, "still loading after " + Trial.BOUND.toSeconds() + " s");
        }
        if (trial.thrown() == null) {
            return new Result(Verdict.LOADED, "");
        }
        if (!(trial.thrown() instanceof ConfigException invalid)) {
            return new Result(Verdict.STACK_TRACE, stackTrace(trial.thrown()));
        }
        Optional<Problem> lineless = invalid.problems().stream().filter(p -> p.origin().line() <= 0).findFirst();
        return lineless.map(p -> new Result(Verdict.PROBLEM_WITHOUT_LINE, p.toString()))
                .orElseGet(() -> new Result(Verdict.PROBLEMS, ""));
    }

    private static String stackTrace(Throwable thrown) {
        StringWriter text = new StringWriter();
        thrown.printStackTrace(new PrintWriter(text));
        String trace = text.toString();
        return trace.length() > 4000 ? trace.substring(0, 4000) + "..." : trace;
    }
}
