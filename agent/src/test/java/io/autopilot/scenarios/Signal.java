package io.autopilot.scenarios;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The signals the scenarios send, with their Linux x86-64 numbers (for {@code SigCgt} masks). */
public enum Signal {
    HUP(1), INT(2), KILL(9), USR1(10), USR2(12), TERM(15), WINCH(28);

    private final int number;

    Signal(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    @Override
    public String toString() {
        return "SIG" + name();
    }

    /** Sends the signal with {@code kill(1)}: the JDK can send only TERM and KILL. */
    public static void send(Signal signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-s", signal.name(), Long.toString(pid))
                    .redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes());
            if (kill.waitFor() != 0) {
                throw new AssertionError("kill -s " + signal.name() + " " + pid + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
