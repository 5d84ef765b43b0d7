package io.autopilot.templates;

import java.util.Objects;

/**
 * The marks around actions: Go's {@code {{ }}} by default, or others (Go's {@code Template.Delims}), for a template
 * whose text is full of braces, or that sits inline in a configuration file rendered with the default ones.
 */
public record Delimiters(String left, String right) {
    public static final Delimiters DEFAULT = new Delimiters("{{", "}}");

    public Delimiters {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
        if (left.isBlank() || right.isBlank()) {
            throw new IllegalArgumentException("delimiters must not be blank");
        }
    }
}
