package io.autopilot.core;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What each signal the agent takes means. TERM and INT stop the agent; HUP and USR2 become events jobs can start on
 * (as in ContainerPilot); USR1 reopens the log file. Every other catchable signal is forwarded, as tini does, except
 * the ones that only make sense for the process that caused them: CHLD (the reaper waits without it), PIPE (our own
 * write to a closed pipe), and the synchronous faults ABRT, BUS, FPE, ILL, SEGV, SYS, TRAP, which the JVM owns.
 * QUIT stays the JVM's thread dump; KILL and STOP cannot be caught.
 *
 * <p>TTIN and TTOU are forwarded too, where tini ignores them: either way the agent itself never stops on them, and
 * a job in the background of a terminal gets them as it would without us.
 */
enum SignalPlan {
    SHUTDOWN,
    EVENT,
    REOPEN_LOG,
    FORWARD;

    private static final Map<String, SignalPlan> OWN = Map.of(
            "TERM", SHUTDOWN, "INT", SHUTDOWN, "HUP", EVENT, "USR2", EVENT, "USR1", REOPEN_LOG);

    /** Short names, as {@code sun.misc.Signal} knows them. */
    static final Set<String> FORWARDED = Set.of("ALRM", "CONT", "IO", "PROF", "PWR", "STKFLT", "TSTP", "TTIN", "TTOU",
            "URG", "VTALRM", "WINCH", "XCPU", "XFSZ");

    /** Every signal the agent installs a handler for, USR2 aside (see {@code process.Signals} on why it may fail). */
    static Set<String> handledExceptUsr2() {
        return Stream.concat(OWN.keySet().stream().filter(name -> !name.equals("USR2")), FORWARDED.stream())
                .collect(Collectors.toUnmodifiableSet());
    }

    static Optional<SignalPlan> of(String shortName) {
        SignalPlan own = OWN.get(shortName);
        if (own != null) {
            return Optional.of(own);
        }
        return FORWARDED.contains(shortName) ? Optional.of(FORWARD) : Optional.empty();
    }
}
