package io.autopilot.process;

import java.util.function.Consumer;

/**
 * What becomes of one pipe's bytes once they are read: cut into lines ({@link LineSplitter}) and handed to the sink.
 * It never throws: whatever fails (the sink, or an allocation in a full heap) costs the lines in hand and is reported
 * to {@link LoopErrors}, and the next chunk is taken as usual, because the one thing that must not stop is the
 * draining: a pipe nobody reads blocks its writer, and a closed one kills it with SIGPIPE. The {@link PipeLoop} feeds
 * every pipe's delivery from one buffer; a delivery is confined to that loop's thread.
 */
final class LineDelivery {
    private final String name;
    private final Consumer<String> sink;
    private final LoopErrors errors;
    private final LineSplitter splitter = new LineSplitter(this::deliver);

    /** @param name the pipe, for reports ("the stdout reader of /bin/sh") */
    LineDelivery(String name, Consumer<String> sink, LoopErrors errors) {
        this.name = name;
        this.sink = sink;
        this.errors = errors;
    }

    /** Takes the first {@code count} bytes of {@code chunk}, which the caller may overwrite once this returns. */
    void accept(byte[] chunk, int count) {
        try {
            splitter.accept(chunk, 0, count);
        } catch (Throwable t) {
            splitter.discard();
            errors.report(name, t);
        }
    }

    /** At end of file. */
    void finish() {
        try {
            splitter.finish();
        } catch (Throwable t) {
            errors.report(name, t);
        }
    }

    private void deliver(String line) {
        try {
            sink.accept(line);
        } catch (Throwable t) {
            errors.report(name + "'s line sink", t);
        }
    }
}
