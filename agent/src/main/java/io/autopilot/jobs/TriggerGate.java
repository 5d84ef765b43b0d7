package io.autopilot.jobs;

import io.autopilot.events.Event;
import io.autopilot.events.EventCode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides which events start a job ({@code when}). Confined to the job's context.
 *
 * <p>A {@code once} trigger disarms on its first match, so a repeat of the event, even while the job runs, is ignored
 * (ContainerPilot's fix for its issue 417). Events from the job itself and from its own check never start it: in
 * ContainerPilot its exit and health handling consumed them before the trigger was looked at.
 */
final class TriggerGate {
    private final String job;
    private final Trigger trigger;
    private final Set<String> seen = new HashSet<>();
    private boolean armed = true;

    TriggerGate(String job, Trigger trigger) {
        this.job = job;
        this.trigger = trigger;
    }

    /** Whether {@code event} starts the job now; a match of a {@code once} trigger disarms it. */
    boolean fires(Event event) {
        if (!armed || event.source().equals(job) || event.source().equals("check." + job)) {
            return false;
        }
        boolean fires = switch (trigger) {
            case Trigger.OnStartup s -> event instanceof Event.Startup;
            case Trigger.Periodic p -> event instanceof Event.Startup;
            case Trigger.OnSignal(String signal) ->
                event instanceof Event.SignalReceived(String source) && source.equals(signal);
            case Trigger.OnEvent(List<String> sources, EventCode code, boolean each, Trigger.Match match) ->
                event.code() == code && sources.contains(event.source()) && allSeen(event, sources, match);
        };
        if (fires && !repeats()) {
            armed = false;
        }
        return fires;
    }

    /** Whether the trigger can start the job again after a start: {@code each} and signals. */
    boolean repeats() {
        return switch (trigger) {
            case Trigger.OnSignal s -> true;
            case Trigger.OnEvent e -> e.each();
            case Trigger.OnStartup s -> false;
            case Trigger.Periodic p -> false;
        };
    }

    /**
     * Whether {@code event} takes back what started the job: {@code deposed} for a job started on {@code elected}
     * from the same source.
     */
    boolean revokedBy(Event event) {
        return event instanceof Event.Deposed deposed && trigger instanceof Trigger.OnEvent on
                && on.event() == EventCode.ELECTED && on.sources().contains(deposed.source());
    }

    /** Whether the job starts on a {@code stopping} or {@code stopped} event: a pre- or post-stop hook. */
    boolean isStopHook() {
        return trigger instanceof Trigger.OnEvent e
                && (e.event() == EventCode.STOPPING || e.event() == EventCode.STOPPED);
    }

    /** The sources a hook follows; empty for other triggers. */
    List<String> hookSources() {
        return isStopHook() ? ((Trigger.OnEvent) trigger).sources() : List.of();
    }

    // match "all": every source must have published the event since the last start; then the record starts over.
    private boolean allSeen(Event event, List<String> sources, Trigger.Match match) {
        if (match == Trigger.Match.ANY) {
            return true;
        }
        seen.add(event.source());
        if (!seen.containsAll(sources)) {
            return false;
        }
        seen.clear();
        return true;
    }
}
