package io.autopilot.core;

import io.autopilot.events.EventCode;
import io.autopilot.jobs.BackoffConfig;
import io.autopilot.jobs.GiveUpAction;
import io.autopilot.jobs.JobConfig;
import io.autopilot.jobs.RestartPolicy;
import io.autopilot.jobs.Trigger;
import io.autopilot.jobs.WhenConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Job configurations for the tests, as the config loader would make them. */
final class Jobs {
    private Jobs() {
    }

    static JobConfig job(String name, List<String> exec) {
        return new JobConfig(name, exec, WhenConfig.DEFAULT, RestartPolicy.NEVER, Optional.empty(), Duration.ZERO,
                Optional.empty(), Optional.empty(), false, false, "SIGTERM", BackoffConfig.DEFAULT, GiveUpAction.CONTINUE,
                false);
    }

    static JobConfig sh(String name, String script) {
        return job(name, List.of("/bin/sh", "-c", script));
    }

    static JobConfig main(String name, String script) {
        JobConfig job = sh(name, script);
        return new JobConfig(name, job.exec(), job.when(), job.restarts(), job.timeout(), job.stopTimeout(),
                job.health(), job.service(), false, true, job.stopSignal(), job.backoff(), job.onGiveUp(), false);
    }

    static JobConfig on(String source, EventCode event, String name, String script) {
        JobConfig job = sh(name, script);
        return new JobConfig(name, job.exec(), new WhenConfig(new Trigger.OnEvent(source, event, false),
                Optional.empty()), job.restarts(), job.timeout(), job.stopTimeout(), job.health(), job.service(),
                false, false, job.stopSignal(), job.backoff(), job.onGiveUp(), false);
    }
}
