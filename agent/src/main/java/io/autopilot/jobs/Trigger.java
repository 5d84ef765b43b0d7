package io.autopilot.jobs;

import io.autopilot.events.EventCode;
import java.time.Duration;
import java.util.List;

/** What starts a job: the {@code when} block without its timeout. */
public sealed interface Trigger {
    /** No {@code when}: start once on {@code startup}. */
    record OnStartup() implements Trigger {
    }

    /**
     * {@code when: {source, once|each}}: start on that event from those sources. With several sources, {@code match}
     * says whether any one of them starts the job ({@link Match#ANY}, the default) or every one of them must have
     * published the event first ({@link Match#ALL}; for {@code each}, every one of them again since the last start).
     */
    record OnEvent(List<String> sources, EventCode event, boolean each, Match match) implements Trigger {
        public OnEvent {
            sources = List.copyOf(sources);
        }

        /** One source, as ContainerPilot writes it. */
        public OnEvent(String source, EventCode event, boolean each) {
            this(List.of(source), event, each, Match.ANY);
        }
    }

    /** How several sources of {@link OnEvent} combine ({@code when.match}). */
    enum Match {
        ANY, ALL
    }

    /** {@code when: {source: "SIGHUP"|"SIGUSR2"}}: start each time the agent receives the signal. */
    record OnSignal(String signal) implements Trigger {
    }

    /** {@code when: {interval}}: start on startup, then every interval. */
    record Periodic(Duration interval) implements Trigger {
    }

    Trigger STARTUP = new OnStartup();
}
