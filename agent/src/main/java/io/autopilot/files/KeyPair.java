package io.autopilot.files;

/**
 * A KV entry as {@code ls} and {@code tree} give it: {@code .Key} relative to the prefix asked for, and
 * {@code .Value}.
 */
public record KeyPair(String key, String value) {
}
