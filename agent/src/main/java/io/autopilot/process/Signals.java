package io.autopilot.process;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import sun.misc.Signal;

/**
 * Delivers the agent's own signals to a callback. The only class that touches {@code sun.misc.Signal}, the one
 * JDK API for catching signals; the handler runs on a short-lived JVM thread, so the callback should only hand the
 * signal on (the agent turns it into an event).
 *
 * <p>Signal dispositions belong to the whole process, so this class is static: installing a name twice replaces
 * the first callback. Two signals cannot be taken: QUIT (the JVM's thread dump) and, unless the launcher moved the
 * JVM's suspend/resume signal with {@code _JAVA_SR_SIGNUM}, USR2 (the JVM would accept it and break silently).
 * Never run the agent with {@code -Xrs}: the JVM would then leave TERM alone, and a PID 1 ignores an unhandled TERM.
 */
public final class Signals {
    private static final System.Logger LOG = System.getLogger(Signals.class.getName());

    private Signals() {}

    /**
     * Handles each of {@code names} ("HUP" or "SIGHUP") by calling {@code onSignal} with the short name ("HUP"). A
     * signal that was ignored when the JVM started is reset to its default first, or the JVM would not install it.
     * All names are checked before any handler is installed; a name the JVM refuses throws
     * {@link IllegalArgumentException} with the reason, after the names before it were installed.
     */
    public static void handle(Set<String> names, Consumer<String> onSignal) {
        var signals = new LinkedHashMap<String, Signal>();
        for (var name : names) signals.put(name, new Signal(shortName(name)));
        if (signals.values().stream().anyMatch(s -> s.getName().equals("USR2")) && !suspendSignalMoved()) {
            throw new IllegalArgumentException(refusal("USR2"));
        }
        for (var signal : signals.values()) {
            SignalDisposition.resetIfIgnored(signal.getNumber());
            try {
                Signal.handle(signal, caught -> deliver(onSignal, caught.getName()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(refusal(signal.getName()), e);
            }
        }
    }

    /** The Linux number of a signal name such as "TERM" or "SIGKILL". */
    public static int number(String name) {
        return new Signal(shortName(name)).getNumber();
    }

    // HotSpot suspends threads with SIGUSR2 (for JFR sampling, among others) unless _JAVA_SR_SIGNUM names another
    // signal above SIGSEGV. Signal.handle accepts USR2 regardless and then steals it: measured, JFR's samples went
    // from 194 to 0. So the check is ours, on the variable HotSpot itself read at start-up.
    private static boolean suspendSignalMoved() {
        try {
            int moved = Integer.parseInt(System.getenv().getOrDefault("_JAVA_SR_SIGNUM", ""));
            return moved > 11 && moved < 65 && moved != 12;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String shortName(String name) {
        var upper = name.toUpperCase(Locale.ROOT);
        return upper.startsWith("SIG") ? upper.substring(3) : upper;
    }

    private static String refusal(String name) {
        return switch (name) {
            case "USR2" -> "SIGUSR2 is the JVM's suspend/resume signal: start the JVM with _JAVA_SR_SIGNUM=40"
                    + " (bin/autopilot does) to use it";
            case "QUIT" -> "SIGQUIT is reserved by the JVM for thread dumps";
            default -> "SIG" + name + " cannot be handled by the JVM";
        };
    }

    private static void deliver(Consumer<String> onSignal, String name) {
        try {
            onSignal.accept(name);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "signal callback failed for SIG" + name, e);
        }
    }
}
