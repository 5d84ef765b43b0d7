package io.autopilot.discovery;

import io.autopilot.decode.Fields;
import java.util.List;
import java.util.Optional;

/** Reads an {@code interfaces} key (a spec or a list of specs) and checks each spec's syntax. */
final class Interfaces {
    private Interfaces() {
    }

    static Optional<List<String>> decode(Fields fields, String key) {
        Optional<List<String>> specs = fields.strings(key);
        if (specs.isPresent() && specs.get().isEmpty()) {
            fields.problem(key, "must name at least one interface");
            return Optional.empty();
        }
        return specs;
    }
}
