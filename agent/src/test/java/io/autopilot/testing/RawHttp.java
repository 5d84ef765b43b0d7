package io.autopilot.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client that writes whatever bytes a test gives it to a Unix socket, as a broken or hostile client would, and reads
 * what comes back within a bound: one HTTP/1.1 answer, or the connection's end. It never hangs a test.
 */
public final class RawHttp implements AutoCloseable {
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 (\\d{3}) [^\r\n]*\r\n");
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)\r\ncontent-length: *(\\d+)\r\n");

    private final SocketChannel channel;
    private final Selector selector;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private boolean ended;

    private RawHttp(Path socket) throws IOException {
        channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        channel.configureBlocking(false);
        selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
    }

    public static RawHttp connect(Path socket) throws IOException {
        return new RawHttp(socket);
    }

    /**
     * What came back for {@code request}: the answer's text (ISO-8859-1, so any byte shows), whether it is one
     * well-formed HTTP/1.1 answer, and whether the server then closed the connection.
     */
    public record Answer(String text, boolean complete, boolean closed) {
        /** The status code, or -1 if what came back is not an HTTP/1.1 answer. */
        public int status() {
            Matcher line = STATUS_LINE.matcher(text);
            return line.lookingAt() ? Integer.parseInt(line.group(1)) : -1;
        }

        public String body() {
            int start = text.indexOf("\r\n\r\n");
            return start < 0 ? "" : text.substring(start + 4);
        }

        public String header(String name) {
            Matcher header = Pattern.compile("(?i)\r\n" + Pattern.quote(name) + ": *([^\r]*)\r\n").matcher(text);
            return header.find() ? header.group(1).toLowerCase(Locale.ROOT) : "";
        }
    }

    /** Connects, sends {@code request}, optionally shuts down the output, and reads the answer and the close. */
    public static Answer exchange(Path socket, byte[] request, boolean halfClose, Duration timeout) {
        try (RawHttp connection = connect(socket)) {
            connection.send(request);
            if (halfClose) {
                connection.halfClose();
            }
            return connection.answer(timeout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Answer exchange(Path socket, String request, boolean halfClose, Duration timeout) {
        return exchange(socket, request.getBytes(StandardCharsets.ISO_8859_1), halfClose, timeout);
    }

    /** Writes all of {@code bytes}; a server that already closed the connection is not an error here. */
    public void send(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        try {
            while (buffer.hasRemaining() && System.nanoTime() < deadline) {
                if (channel.write(buffer) == 0) {
                    read(Duration.ofMillis(1)); // the server may answer before it has read everything
                }
            }
        } catch (IOException e) {
            ended = true; // the server closed the connection (413): what it sent is still to be read
        }
    }

    /** {@code shutdown(SHUT_WR)}: the request is all there is, the answer is still wanted. */
    public void halfClose() throws IOException {
        if (!ended) {
            channel.shutdownOutput();
        }
    }

    /**
     * Reads until one whole answer is in (then waits {@code linger} more for the server to close the connection,
     * as the control plane does after every answer), until the connection ends, or until {@code timeout} passes.
     */
    public Answer answer(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ended && !complete() && System.nanoTime() < deadline) {
            read(Duration.ofNanos(deadline - System.nanoTime()));
        }
        long closeDeadline = Math.min(deadline, System.nanoTime() + Duration.ofSeconds(5).toNanos());
        while (!ended && System.nanoTime() < closeDeadline) {
            read(Duration.ofNanos(closeDeadline - System.nanoTime()));
        }
        return new Answer(received.toString(StandardCharsets.ISO_8859_1), complete(), ended);
    }

    private void read(Duration wait) throws IOException {
        if (selector.select(Math.max(1, wait.toMillis())) == 0) {
            return;
        }
        selector.selectedKeys().clear();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        try {
            int read = channel.read(buffer);
            if (read < 0) {
                ended = true;
            }
        } catch (IOException e) {
            ended = true; // reset by the server
        }
        received.write(buffer.array(), 0, buffer.position());
    }

    /** One status line, headers, and as many body bytes as Content-Length says: nothing missing, nothing more. */
    private boolean complete() {
        String text = received.toString(StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        if (!STATUS_LINE.matcher(text).lookingAt() || headEnd < 0) {
            return false;
        }
        Matcher length = CONTENT_LENGTH.matcher(text.substring(0, headEnd + 2));
        return length.find() && text.length() - headEnd - 4 == Integer.parseInt(length.group(1));
    }

    @Override
    public void close() throws IOException {
        try (selector; channel) {
            // both closed
        }
    }
}
