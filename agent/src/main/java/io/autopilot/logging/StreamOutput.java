package io.autopilot.logging;

import java.io.IOException;
import java.io.OutputStream;

/** The agent's stdout or stderr. Never closed: the descriptor belongs to the container, not to the log. */
final class StreamOutput implements LogOutput {
    private final OutputStream stream;
    private final WriteFailures failures;

    private StreamOutput(OutputStream stream, WriteFailures failures) {
        this.stream = stream;
        this.failures = failures;
    }

    static StreamOutput stdout(Streams streams) {
        return new StreamOutput(streams.stdout(), new WriteFailures(streams.stderr(), "stdout"));
    }

    static StreamOutput stderr(Streams streams) {
        return new StreamOutput(streams.stderr(), new WriteFailures(streams.stderr(), "stderr"));
    }

    @Override
    public synchronized boolean write(byte[] entry) {
        try {
            stream.write(entry);
            stream.flush();
            failures.succeeded();
        } catch (IOException e) {
            failures.failed("write the log to", e);
        }
        return true;
    }

    @Override
    public void reopen() {}

    @Override
    public void close() {}
}
