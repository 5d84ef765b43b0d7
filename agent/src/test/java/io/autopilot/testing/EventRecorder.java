package io.autopilot.testing;

import io.autopilot.events.Event;
import io.autopilot.events.EventBus;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The events one source publishes on a bus, recorded in order, with a bounded wait for the next ones. */
public final class EventRecorder {
    private static final long PATIENCE_MILLIS = 20_000;

    private final List<Event> events = new ArrayList<>();
    private final Supplier<String> context;

    /** @param context what a failed wait adds to its message (a log, say) */
    public EventRecorder(EventBus bus, String source, Supplier<String> context) {
        this.context = context;
        bus.subscribe(Runnable::run, event -> {
            if (event.source().equals(source)) {
                record(event);
            }
        });
    }

    private synchronized void record(Event event) {
        events.add(event);
        notifyAll();
    }

    /** Waits until {@code count} events have been published, and returns them all. */
    public synchronized List<Event> await(int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
        while (events.size() < count) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new AssertionError("waited for " + count + " events; got " + events + context.get());
            }
            wait(left);
        }
        return List.copyOf(events);
    }

    /** The events so far. */
    public synchronized List<Event> events() {
        return List.copyOf(events);
    }
}
