package io.autopilot.testing.consul;

import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Consumer;

/** The last lines an agent printed, whichever way it runs, for failure messages. */
final class RecentLines implements Consumer<String> {
    private static final int KEPT = 200;

    private final Deque<String> lines = new ConcurrentLinkedDeque<>();

    @Override
    public void accept(String line) {
        lines.addLast(line);
        while (lines.size() > KEPT) {
            lines.pollFirst();
        }
    }

    /** Several lines at once, as a container's log frames arrive. */
    void acceptChunk(String text) {
        text.lines().forEach(this);
    }

    String text() {
        return String.join("\n", lines);
    }
}
