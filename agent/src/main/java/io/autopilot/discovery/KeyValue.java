package io.autopilot.discovery;

import java.util.Objects;

/**
 * One KV entry as a watch reports it. Two results differ when a key appears, disappears or changes its value;
 * writing the same value again is no change.
 *
 * @param value the stored bytes read as UTF-8; empty for a key stored without a value
 */
public record KeyValue(String key, String value) {
    public KeyValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
