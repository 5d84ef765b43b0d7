package io.autopilot.files;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a template looks like now, for {@code /v3/status}.
 *
 * @param rendered whether the destination holds a render of this template (from this run of the agent)
 * @param writes how many times a render replaced the destination
 * @param lastWrite when it last did
 * @param lastError why the last render failed, until one succeeds
 * @param waitingFor what the template reads that has not answered yet (or a key that does not exist yet)
 * @param dependencies everything in Consul the template reads
 * @param savedAt while the destination holds a render of last-known-good data (Consul has not answered all the
 *     template reads since the agent started), when that data was saved; empty for a render of Consul's answers
 */
public record TemplateSnapshot(String name, String source, String destination, boolean rendered, long writes,
        Optional<Instant> lastWrite, Optional<String> lastError, List<String> waitingFor, List<String> dependencies,
        Optional<Instant> savedAt) {

    public TemplateSnapshot {
        waitingFor = List.copyOf(waitingFor);
        dependencies = List.copyOf(dependencies);
    }

    /** Of Consul's answers. */
    public TemplateSnapshot(String name, String source, String destination, boolean rendered, long writes,
            Optional<Instant> lastWrite, Optional<String> lastError, List<String> waitingFor,
            List<String> dependencies) {
        this(name, source, destination, rendered, writes, lastWrite, lastError, waitingFor, dependencies,
                Optional.empty());
    }

    static TemplateSnapshot initial(TemplateConfig config) {
        return new TemplateSnapshot(config.name(), config.eventSource(), config.destination().toString(), false, 0,
                Optional.empty(), Optional.empty(), List.of(), List.of());
    }
}
