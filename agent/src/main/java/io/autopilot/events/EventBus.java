package io.autopilot.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The one hub. {@link #publish} never blocks and never runs a subscriber on the publisher's thread: each subscriber
 * names the executor its handler runs on (an actor's Vert.x context), and publishing only enqueues there. So a slow
 * or hung subscriber delays nobody else — ContainerPilot's bounded queues let one hung job stall every job (its
 * issues 548 and 590).
 *
 * <p>Publishing is serialised, so every subscriber sees events in one global order, as in ContainerPilot. A
 * subscriber's exception is reported to the error handler and never reaches the publisher or other subscribers.
 *
 * <p>Subscribe everything before anything runs, then publish {@link Event.Startup}: an event is delivered only to
 * those subscribed when it is published.
 */
public final class EventBus {
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final Consumer<Throwable> errors;

    /** @param errors told of every exception a subscriber throws */
    public EventBus(Consumer<Throwable> errors) {
        this.errors = errors;
    }

    /** One subscriber; {@link #cancel()} stops deliveries not yet enqueued. */
    public final class Subscription {
        private final Executor executor;
        private final Consumer<Event> handler;

        private Subscription(Executor executor, Consumer<Event> handler) {
            this.executor = executor;
            this.handler = handler;
        }

        public void cancel() {
            subscriptions.remove(this);
        }

        private void deliver(Event event) {
            executor.execute(() -> {
                try {
                    handler.accept(event);
                } catch (RuntimeException | Error e) {
                    errors.accept(e);
                }
            });
        }
    }

    /** Delivers every later event to {@code handler}, run by {@code executor}. */
    public Subscription subscribe(Executor executor, Consumer<Event> handler) {
        Subscription subscription = new Subscription(executor, handler);
        subscriptions.add(subscription);
        return subscription;
    }

    public synchronized void publish(Event event) {
        for (Subscription subscription : subscriptions) {
            subscription.deliver(event);
        }
    }
}
