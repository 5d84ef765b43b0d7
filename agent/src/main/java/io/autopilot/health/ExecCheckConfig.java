package io.autopilot.health;

import java.util.List;

/** {@code health.exec}: a command whose exit status 0 means healthy; run as {@code check.<job>}. */
public record ExecCheckConfig(List<String> argv) implements CheckConfig {
    public ExecCheckConfig {
        argv = List.copyOf(argv);
    }
}
