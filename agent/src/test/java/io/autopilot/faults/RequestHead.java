package io.autopilot.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The head of one HTTP/1.1 request as a client sent it (request line and headers, byte for byte), and what frames its
 * body, so that {@link CountingProxy} can pass the request on unchanged and know where the next one on the same
 * connection starts: a request is counted by its request line, not guessed from packets.
 */
record RequestHead(byte[] bytes, String method, String target, long contentLength, boolean chunked) {
    private static final int MAX_HEAD = 64 * 1024;
    private static final int MAX_LINE = 8 * 1024;

    /** The next request's head, or empty at the end of the stream before one began. */
    static Optional<RequestHead> read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        String requestLine = line(in, head);
        if (requestLine == null) {
            return Optional.empty();
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3) {
            throw new IOException("not an HTTP request line: " + requestLine);
        }
        long length = 0;
        boolean chunked = false;
        for (String header = line(in, head); header != null && !header.isEmpty(); header = line(in, head)) {
            if (head.size() > MAX_HEAD) {
                throw new IOException("request head over " + MAX_HEAD + " bytes");
            }
            int colon = header.indexOf(':');
            String name = colon < 0 ? header : header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = colon < 0 ? "" : header.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
            if (name.equals("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equals("transfer-encoding")) {
                chunked = value.contains("chunked");
            }
        }
        return Optional.of(new RequestHead(head.toByteArray(), parts[0], parts[1], length, chunked));
    }

    /** Writes the head and copies the body that follows it in {@code in}, and no more. */
    void forward(InputStream in, OutputStream out) throws IOException {
        out.write(bytes);
        if (chunked) {
            copyChunks(in, out);
        } else {
            copy(in, out, contentLength);
        }
        out.flush();
    }

    private static void copyChunks(InputStream in, OutputStream out) throws IOException {
        ByteArrayOutputStream framing = new ByteArrayOutputStream();
        while (true) {
            String size = line(in, framing);
            if (size == null) {
                throw new IOException("the stream ended inside a chunked body");
            }
            long length = Long.parseLong(size.split(";", 2)[0].strip(), 16);
            out.write(framing.toByteArray());
            framing.reset();
            if (length == 0) {
                break;
            }
            copy(in, out, length + 2); // the chunk and its CRLF
        }
        String trailer; // trailers, up to the empty line, pass through as they are
        do {
            trailer = line(in, framing);
        } while (trailer != null && !trailer.isEmpty());
        out.write(framing.toByteArray());
    }

    private static void copy(InputStream in, OutputStream out, long count) throws IOException {
        byte[] buffer = new byte[8192];
        for (long left = count; left > 0; ) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new IOException("the stream ended " + left + " bytes before the end of a body");
            }
            out.write(buffer, 0, read);
            left -= read;
        }
    }

    /** One line without its CRLF, its bytes (with the CRLF) appended to {@code raw}; null at the end of the stream. */
    private static String line(InputStream in, ByteArrayOutputStream raw) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            raw.write(b);
            if (b == '\n') {
                byte[] text = line.toByteArray();
                int end = text.length > 0 && text[text.length - 1] == '\r' ? text.length - 1 : text.length;
                return new String(text, 0, end, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("a line of the request head is over " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        if (line.size() > 0) {
            throw new IOException("the stream ended inside a request head");
        }
        return null;
    }
}
