package io.autopilot.process;

import java.util.Objects;
import java.util.function.Consumer;

/** Where a child's stdout or stderr goes. */
public sealed interface Output {

    /** The child writes straight to the agent's own stream (ContainerPilot's {@code logging.raw}). */
    static Output inherit() {
        return Inherit.INSTANCE;
    }

    /**
     * The child writes into a pipe; each line is handed to {@code sink}, without its line terminator, in the order
     * written, on the one thread that reads every child's output: a sink that waits holds up every child's lines, and
     * each child blocks once its pipe is full, so a sink must not wait for anything. A line longer than 64 KiB arrives
     * in pieces of at most 64 KiB, cut between characters, each piece but the last ending with
     * {@code " [continued]"}; a trailing {@code \r} is dropped and invalid UTF-8 becomes U+FFFD. A sink that throws
     * loses that line only: the pipe is drained regardless.
     */
    static Output lines(Consumer<String> sink) {
        return new Lines(sink);
    }

    enum Inherit implements Output { INSTANCE }

    record Lines(Consumer<String> sink) implements Output {
        public Lines {
            Objects.requireNonNull(sink, "sink");
        }
    }
}
