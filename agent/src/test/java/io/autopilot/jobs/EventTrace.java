package io.autopilot.jobs;

import io.autopilot.events.Event;
import io.autopilot.events.EventBus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/** Every event published on a bus, in order, with bounded waits for the ones a test expects. */
final class EventTrace {
    static final Duration PATIENCE = Duration.ofSeconds(20);

    private final List<Event> events = new ArrayList<>();

    EventTrace(EventBus bus) {
        bus.subscribe(Runnable::run, this::add);
    }

    private synchronized void add(Event event) {
        events.add(event);
        notifyAll();
    }

    synchronized List<Event> all() {
        return List.copyOf(events);
    }

    /** The events whose source is one of {@code sources}, in order. */
    List<Event> from(String... sources) {
        List<String> wanted = Arrays.asList(sources);
        return all().stream().filter(e -> wanted.contains(e.source())).toList();
    }

    /** Waits until {@code count} events match; fails after {@link #PATIENCE}. */
    synchronized List<Event> await(Predicate<Event> match, int count) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (events.stream().filter(match).count() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("waited " + PATIENCE + " for " + count + " matching events; got " + events);
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return events.stream().filter(match).toList();
    }

    Event awaitOne(Predicate<Event> match) throws InterruptedException {
        return await(match, 1).getFirst();
    }
}
