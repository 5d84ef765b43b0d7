package io.autopilot.core;

import io.autopilot.logging.Log;
import io.autopilot.process.Signals;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Takes the agent's signals from the first moment of run mode, before the configuration is loaded and the agent
 * exists, and hands them to the agent once it does: a TERM that comes while the agent starts still stops it (before
 * any job runs) instead of being lost or killing the JVM half-way. Until the agent exists each signal is kept once,
 * in the order of arrival, so what is kept is bounded by the number of signals.
 *
 * <p>Before this, the launcher (a shell trap) and then the JVM's own TERM and INT handlers stop the start-up with the
 * same exit code; only the JVM's first milliseconds have no handler at all (docs/design.md has the figures).
 */
public final class SignalRelay {
    private final Set<String> early = new LinkedHashSet<>(); // guarded by this
    private Consumer<String> agent; // guarded by this

    private SignalRelay() {
    }

    /** Installs the agent's signal handlers, every one of them delivering to the relay. */
    public static SignalRelay install(Log log) {
        SignalRelay relay = new SignalRelay();
        Signals.handle(SignalPlan.handledExceptUsr2(), relay::receive);
        try {
            Signals.handle(Set.of("USR2"), relay::receive);
        } catch (IllegalArgumentException e) {
            log.warn("SIGUSR2 is not handled: " + e.getMessage());
        }
        return relay;
    }

    /** For tests: a relay no signal reaches but those given to {@link #receive}. */
    static SignalRelay detached() {
        return new SignalRelay();
    }

    /** From now on every signal goes to {@code agent}, those received so far first. */
    synchronized void deliverTo(Consumer<String> agent) {
        early.forEach(agent);
        early.clear();
        this.agent = agent;
    }

    // On a JVM signal thread; the agent only hands the signal to its context.
    synchronized void receive(String name) {
        if (agent == null) {
            early.add(name);
        } else {
            agent.accept(name);
        }
    }
}
