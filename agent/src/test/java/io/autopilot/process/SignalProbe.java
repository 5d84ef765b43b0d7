package io.autopilot.process;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs in a child JVM for {@link SignalsTest}: handles the signals named in its arguments, says "ready", then
 * prints "caught NAME" for each one it receives and exits 0; "refused: reason" and exit 2 if one cannot be handled.
 */
public final class SignalProbe {
    private SignalProbe() {}

    public static void main(String[] args) throws InterruptedException {
        var names = new LinkedHashSet<>(List.of(args));
        BlockingQueue<String> caught = new LinkedBlockingQueue<>();
        try {
            Signals.handle(names, caught::add);
        } catch (IllegalArgumentException e) {
            System.out.println("refused: " + e.getMessage());
            System.exit(2);
        }
        System.out.println("ready");
        for (int i = 0; i < names.size(); i++) {
            var name = caught.poll(Children.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (name == null) System.exit(3);
            System.out.println("caught " + name);
        }
    }
}
