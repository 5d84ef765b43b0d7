package io.autopilot.events;

import java.time.Instant;
import java.util.Optional;

/**
 * Something that happened, as every part of the agent sees it. ContainerPilot's events are a (code, source) pair
 * matched by equality; ours are typed records that also carry what a subscriber needs (a pid, an exit code, a
 * check's output), and still answer {@link #code()} and {@link #source()} for triggers and metrics.
 *
 * <p>Switch over this hierarchy without {@code default} where every kind must be handled (status, metric labels),
 * so a new kind breaks the build until it is.
 */
public sealed interface Event {
    /** The source of events that belong to the whole agent rather than to a job or watch. */
    String GLOBAL = "global";

    EventCode code();

    /** A job's name, {@code check.<job>}, {@code watch.<name>}, {@code template.<name>}, {@code global} or a signal. */
    String source();

    /** Published once everything has subscribed; jobs without {@code when} start on it. */
    record Startup() implements Event {
        public EventCode code() {
            return EventCode.STARTUP;
        }

        public String source() {
            return GLOBAL;
        }
    }

    /** The agent is stopping (TERM, INT, or the main job ended). */
    record Shutdown() implements Event {
        public EventCode code() {
            return EventCode.SHUTDOWN;
        }

        public String source() {
            return GLOBAL;
        }
    }

    /**
     * A job's (or a check's) process exited 0.
     *
     * @param cause {@link ExitCause#EXIT}, or {@link ExitCause#STOPPED} when it exited on the agent's stop
     */
    record ExitSuccess(String source, int pid, ExitCause cause) implements Event {
        /** A process that exited by itself. */
        public ExitSuccess(String source, int pid) {
            this(source, pid, ExitCause.EXIT);
        }

        public EventCode code() {
            return EventCode.EXIT_SUCCESS;
        }
    }

    /**
     * A job's (or a check's) process failed: a non-zero exit, a signal, a timeout, or a spawn failure.
     *
     * @param pid 0 when the process never started
     * @param exitCode as a shell reports it: the code, 128+signal, 127/126 for spawn failures
     * @param reason for people: {@code exit 3}, {@code killed by SIGKILL}, {@code timed out after 5s}, …
     * @param cause why, as far as the agent can tell: its own stop, a timeout, the OOM killer, another signal
     */
    record ExitFailed(String source, int pid, int exitCode, String reason, ExitCause cause) implements Event {
        public EventCode code() {
            return EventCode.EXIT_FAILED;
        }
    }

    /** A job's health check passed, or a watch's service gained its first healthy instance. */
    record Healthy(String source) implements Event {
        public EventCode code() {
            return EventCode.HEALTHY;
        }
    }

    /** A job's health check failed ({@code output} is what it printed), or a watch's service lost every instance. */
    record Unhealthy(String source, String output) implements Event {
        public EventCode code() {
            return EventCode.UNHEALTHY;
        }
    }

    /** A watch saw its service (or key) change; {@code change} says to what. */
    record Changed(String source, WatchChange change) implements Event {
        public Changed {
            java.util.Objects.requireNonNull(change, "change");
        }

        public Changed(String source) {
            this(source, WatchChange.NONE);
        }

        public EventCode code() {
            return EventCode.CHANGED;
        }
    }

    /** A job begins to stop; jobs waiting on it as pre-stop hooks start now. */
    record Stopping(String source) implements Event {
        public EventCode code() {
            return EventCode.STOPPING;
        }
    }

    /** A job has stopped for good (its process is gone); post-stop hooks start now. */
    record Stopped(String source) implements Event {
        public EventCode code() {
            return EventCode.STOPPED;
        }
    }

    /** A job's {@code when.timeout} expired before its trigger arrived; it will never run. */
    record TimerExpired(String source) implements Event {
        public EventCode code() {
            return EventCode.TIMER_EXPIRED;
        }
    }

    /**
     * A job gave up: its last run failed and it can never run again (no restart left, no trigger that could start
     * it). Published before its {@link Stopped}.
     *
     * @param exitCode the last run's, as a shell reports it
     */
    record GaveUp(String source, int exitCode) implements Event {
        public EventCode code() {
            return EventCode.GAVE_UP;
        }
    }

    /**
     * A template's destination holds its current output: after the template's first render (even when the file
     * already held that text) and after every render that changed the file.
     *
     * @param source {@code template.<name>}
     * @param changed whether this render replaced the file's content
     * @param savedAt when the data rendered was saved, for a render from last-known-good data while Consul does not
     *     answer; empty for a render from Consul's own answers
     */
    record Rendered(String source, String destination, boolean changed, Optional<Instant> savedAt)
            implements Event {
        public Rendered {
            java.util.Objects.requireNonNull(savedAt, "savedAt");
        }

        /** From Consul's own answers. */
        public Rendered(String source, String destination, boolean changed) {
            this(source, destination, changed, Optional.empty());
        }

        public EventCode code() {
            return EventCode.RENDERED;
        }
    }

    /**
     * A template could not be rendered or its output was refused by its {@code validate} command; the destination
     * keeps its previous content.
     */
    record RenderFailed(String source, String reason) implements Event {
        public EventCode code() {
            return EventCode.RENDER_FAILED;
        }
    }

    /**
     * A job's service is not registered: none of its {@code interfaces} has an address. Published when the first
     * look finds none; the agent looks on and registers the service as soon as one matches.
     *
     * @param source the job's name
     * @param reason what was looked for and which addresses the machine has
     */
    record NoAddress(String source, String reason) implements Event {
        public EventCode code() {
            return EventCode.NO_ADDRESS;
        }
    }

    /** The agent holds the leader lock ({@code leader}): jobs that must run on one instance at a time start now. */
    record Elected(String source) implements Event {
        public EventCode code() {
            return EventCode.ELECTED;
        }
    }

    /**
     * The agent no longer holds the leader lock: it gave it up, its session was lost, or it could not renew it in
     * time. Published before another agent can take the lock (see docs/design.md); jobs started on {@code elected}
     * from the same source get their {@code stopSignal}.
     *
     * @param reason for people: {@code session lost}, {@code not renewed within the TTL}, {@code stopping}
     */
    record Deposed(String source, String reason) implements Event {
        public EventCode code() {
            return EventCode.DEPOSED;
        }
    }

    /** The agent entered maintenance mode. */
    record EnterMaintenance() implements Event {
        public EventCode code() {
            return EventCode.ENTER_MAINTENANCE;
        }

        public String source() {
            return GLOBAL;
        }
    }

    /** The agent left maintenance mode. */
    record ExitMaintenance() implements Event {
        public EventCode code() {
            return EventCode.EXIT_MAINTENANCE;
        }

        public String source() {
            return GLOBAL;
        }
    }

    /**
     * A value for a user metric, from {@code -putmetric} or {@code /v3/metric}; telemetry applies it. Not counted in
     * {@code containerpilot_events}, as in ContainerPilot.
     *
     * @param source the metric's name as the client wrote it (with or without namespace and subsystem)
     */
    record Metric(String source, double value) implements Event {
        public EventCode code() {
            return EventCode.METRIC;
        }
    }

    /** The agent received a signal that jobs can be triggered by ({@code SIGHUP}, {@code SIGUSR2}). */
    record SignalReceived(String source) implements Event {
        public EventCode code() {
            return EventCode.SIGNAL;
        }
    }
}
