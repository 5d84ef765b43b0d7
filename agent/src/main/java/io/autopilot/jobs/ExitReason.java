package io.autopilot.jobs;

import io.autopilot.process.ExitStatus;
import java.time.Duration;
import java.util.List;

/** The {@code reason} of an {@code exitFailed} event, for people: {@code exit 3}, {@code killed by SIGTERM}. */
final class ExitReason {
    private static final List<String> SIGNALS = List.of("", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP",
            "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM",
            "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
            "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS");

    private ExitReason() {
    }

    static String of(ExitStatus status) {
        return switch (status) {
            case ExitStatus.Exited(int code) -> "exit " + code;
            case ExitStatus.Killed(int signal) -> "killed by " + signalName(signal);
        };
    }

    static String timedOut(Duration timeout) {
        return "timed out after " + format(timeout);
    }

    static String signalName(int signal) {
        return signal > 0 && signal < SIGNALS.size() ? SIGNALS.get(signal) : "signal " + signal;
    }

    /** A duration as the config writes it: {@code 100ms}, {@code 5s}, {@code 1m30s}. */
    static String format(Duration duration) {
        if (duration.toMillis() < 1000 || duration.toMillis() % 1000 != 0) {
            return duration.toMillis() + "ms";
        }
        long seconds = duration.toSeconds();
        return seconds >= 60 ? seconds / 60 + "m" + (seconds % 60 == 0 ? "" : seconds % 60 + "s") : seconds + "s";
    }
}
