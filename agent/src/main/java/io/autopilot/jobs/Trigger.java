package io.autopilot.jobs;

import io.autopilot.events.EventCode;
import java.time.Duration;

/** What starts a job: the {@code when} block without its timeout. */
public sealed interface Trigger {
    /** No {@code when}: start once on {@code startup}. */
    record OnStartup() implements Trigger {
    }

    /** {@code when: {source, once|each}}: start on that event from that source. */
    record OnEvent(String source, EventCode event, boolean each) implements Trigger {
    }

    /** {@code when: {source: "SIGHUP"|"SIGUSR2"}}: start each time the agent receives the signal. */
    record OnSignal(String signal) implements Trigger {
    }

    /** {@code when: {interval}}: start on startup, then every interval. */
    record Periodic(Duration interval) implements Trigger {
    }

    Trigger STARTUP = new OnStartup();
}
