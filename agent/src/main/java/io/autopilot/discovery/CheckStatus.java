package io.autopilot.discovery;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A Consul check status, as {@code initial_status} names it. */
public enum CheckStatus {
    PASSING, WARNING, CRITICAL;

    public String consulName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<CheckStatus> fromConsulName(String name) {
        return Arrays.stream(values()).filter(s -> s.consulName().equals(name)).findFirst();
    }
}
