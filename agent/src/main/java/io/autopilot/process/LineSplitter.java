package io.autopilot.process;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Cuts a byte stream into UTF-8 lines, in bounded pieces. ContainerPilot's scanner gave up on lines over 64 KiB and
 * stopped reading, so the child then blocked on a full pipe; and a reader that holds a whole line of any length runs a
 * 32 MB heap out when a dozen children print long lines at once. So a line longer than {@link #LIMIT} bytes is
 * delivered in pieces of at most that size, cut between characters, each piece but the last ending with
 * {@link #CONTINUED}: nothing is lost, and a reader never holds more than one piece. A trailing {@code \r} is dropped
 * as Go's line scanner does; invalid UTF-8 becomes U+FFFD. Confined to one thread.
 */
final class LineSplitter {
    /** 64 KiB: a line of exactly this many bytes still arrives whole. */
    static final int LIMIT = 64 * 1024;
    /** Ends each piece of a line that goes on in the next piece. */
    static final String CONTINUED = " [continued]";
    private static final int INITIAL = 256;

    private final Consumer<String> sink;
    private byte[] line = new byte[INITIAL];
    private int length;

    LineSplitter(Consumer<String> sink) {
        this.sink = sink;
    }

    void accept(byte[] bytes, int offset, int count) {
        int start = offset;
        int end = offset + count;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                append(bytes, start, i - start);
                emitLine();
                start = i + 1;
            }
        }
        append(bytes, start, end - start);
    }

    /** At end of file: a last line without a terminator is still a line. */
    void finish() {
        if (length > 0) emitLine();
    }

    /** Forgets the line in hand, after a failure left it in an unknown state. */
    void discard() {
        length = 0;
    }

    private void append(byte[] bytes, int offset, int count) {
        while (count > 0) {
            // Only cut when more content follows a full buffer, so a line of exactly LIMIT bytes stays whole.
            if (length == LIMIT) emitPiece();
            int take = Math.min(count, LIMIT - length);
            if (length + take > line.length) {
                line = Arrays.copyOf(line, Math.min(LIMIT, Math.max(line.length * 2, length + take)));
            }
            System.arraycopy(bytes, offset, line, length, take);
            length += take;
            offset += take;
            count -= take;
        }
    }

    private void emitLine() {
        int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        length = 0; // first: a sink that throws must not leave the line to be delivered again
        sink.accept(new String(line, 0, end, StandardCharsets.UTF_8));
        if (line.length > 4 * 1024) line = new byte[INITIAL]; // give a long line's buffer back
    }

    private void emitPiece() {
        int cut = characterBoundary();
        var piece = new String(line, 0, cut, StandardCharsets.UTF_8);
        System.arraycopy(line, cut, line, 0, length - cut);
        length -= cut;
        sink.accept(piece + CONTINUED);
    }

    /** The end of the last complete UTF-8 character in the buffer (the whole buffer unless one is cut in two). */
    private int characterBoundary() {
        for (int i = length - 1; i >= Math.max(0, length - 3); i--) {
            int b = line[i] & 0xff;
            if ((b & 0xc0) == 0x80) continue; // a continuation byte: look further back for its lead byte
            int size = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
            return length - i >= size ? length : i;
        }
        return length; // not UTF-8 at all: cut anywhere
    }
}
