package io.autopilot.config;

import io.autopilot.decode.Problem;
import java.util.List;

/** The configuration cannot be used; {@link #problems()} lists everything wrong with it, in file order. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    public ConfigException(List<Problem> problems) {
        super(problems.isEmpty() ? "invalid configuration" : problems.getFirst().toString());
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
