package io.autopilot.jobs;

import io.autopilot.decode.GoDuration;
import io.autopilot.process.ExitStatus;
import java.time.Duration;
import java.util.List;

/**
 * How a process ended, for people: {@code exit 3}, {@code killed by SIGTERM}, {@code timed out after 5s}; the
 * {@code reason} of an {@code exitFailed} event, and of a template's refused {@code validate}.
 */
public final class ExitReason {
    private static final List<String> SIGNALS = List.of("", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP",
            "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM",
            "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
            "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS");

    private ExitReason() {
    }

    public static String of(ExitStatus status) {
        return switch (status) {
            case ExitStatus.Exited(int code) -> "exit " + code;
            case ExitStatus.Killed(int signal) -> "killed by " + signalName(signal);
        };
    }

    /** The OOM killer's SIGKILL: named, since "killed by SIGKILL" alone sends people looking for who sent it. */
    public static String outOfMemory() {
        return "killed by SIGKILL: out of memory (the kernel's OOM killer)";
    }

    public static String timedOut(Duration timeout) {
        return "timed out after " + GoDuration.format(timeout);
    }

    static String signalName(int signal) {
        return signal > 0 && signal < SIGNALS.size() ? SIGNALS.get(signal) : "signal " + signal;
    }
}
