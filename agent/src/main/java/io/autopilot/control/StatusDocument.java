package io.autopilot.control;

import io.autopilot.events.ExitCause;
import io.autopilot.jobs.JobSnapshot;
import io.autopilot.jobs.JobState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The body of {@code GET /v3/status}: the agent's version and uptime, every job, then one section per
 * {@link StatusSource} (services, watches). Built from snapshots only, so it never waits on an actor.
 */
final class StatusDocument {
    private StatusDocument() {
    }

    static JsonObject of(String version, Duration uptime, List<JobSnapshot> jobs, List<StatusSource> sources) {
        JsonObject document = new JsonObject()
                .put("version", version)
                .put("uptimeSeconds", uptime.toMillis() / 1000.0);
        document.put("jobs", new JsonArray(jobs.stream().map(StatusDocument::job).toList()));
        for (StatusSource source : sources) {
            document.put(source.section(), source.entries());
        }
        return document;
    }

    static JsonObject job(JobSnapshot job) {
        JsonObject entry = new JsonObject()
                .put("name", job.name())
                .put("state", stateName(job.state()))
                .put("pid", job.pid() > 0 ? job.pid() : null)
                .put("restarts", job.restarts())
                .put("lastExitCode", job.lastExitCode().isPresent() ? job.lastExitCode().getAsInt() : null)
                .put("lastExitReason", job.lastReason().orElse(null))
                .put("lastExitCause", job.lastCause().map(ExitCause::label).orElse(null))
                .put("health", job.health().name().toLowerCase(Locale.ROOT))
                .put("skippedTriggers", job.skippedTriggers());
        job.rolling().ifPresent(phase -> entry.put("rolling", phase));
        return entry;
    }

    /** {@code BACKING_OFF} → {@code backingOff}: the spelling of the configuration's names. */
    static String stateName(JobState state) {
        String[] words = state.name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder name = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return name.toString();
    }
}
