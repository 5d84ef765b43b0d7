package io.autopilot.services;

import io.autopilot.discovery.InterfaceSnapshot;
import io.autopilot.discovery.InterfaceSpec;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Looks for the address of a service none of whose interfaces matched when its plan was made: the machine's
 * interfaces are read anew at each try, as they may come up late (a network attached after the container started, a
 * VPN's tunnel), first at once, then after {@link #FIRST_WAIT}, twice as long each time up to every
 * {@link #LONGEST_WAIT}, until one matches or the search is cancelled. A try lists the interfaces (a few system
 * calls), on a worker thread. Confined to its registration's context: start and cancel it there.
 */
final class AddressSearch {
    static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

    private final Vertx vertx;
    private final List<InterfaceSpec> interfaces;
    private final Supplier<InterfaceSnapshot> machine;
    private Duration wait = FIRST_WAIT;
    private long timer = -1;
    private boolean cancelled;

    AddressSearch(Vertx vertx, List<InterfaceSpec> interfaces, Supplier<InterfaceSnapshot> machine) {
        this.vertx = vertx;
        this.interfaces = List.copyOf(interfaces);
        this.machine = machine;
    }

    /**
     * Tries now, and again until an address matches.
     *
     * @param found given the address, once
     * @param missed given why a try found none (no interface matched, or they could not be listed), after each miss
     */
    void start(Consumer<String> found, Consumer<String> missed) {
        vertx.executeBlocking(() -> machine.get().select(interfaces).toString(), false).onComplete(result -> {
            if (cancelled) {
                return;
            }
            if (result.succeeded()) {
                found.accept(result.result());
                return;
            }
            missed.accept(String.valueOf(result.cause().getMessage()));
            timer = vertx.setTimer(wait.toMillis(), id -> start(found, missed));
            wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
        });
    }

    void cancel() {
        cancelled = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }
}
