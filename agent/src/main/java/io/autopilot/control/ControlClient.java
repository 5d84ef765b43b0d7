package io.autopilot.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The client side of the control plane, used by {@code -reload}, {@code -ping} and the other client commands: one
 * HTTP/1.1 request over the agent's Unix socket. Plain JDK channels, no HTTP library: these commands run from health
 * checks every few seconds, so they must start fast.
 */
public final class ControlClient {
    private final Path socket;
    private final Duration timeout;

    public ControlClient(Path socket, Duration timeout) {
        this.socket = socket;
        this.timeout = timeout;
    }

    /** The status code and body of an answer. */
    public record Response(int status, String body) {
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    /** @throws ControlException when no agent answers on the socket, with a message fit for the user */
    public Response send(String method, String path, String body) throws ControlException {
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: control\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + payload.length + "\r\n\r\n";
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                Selector selector = Selector.open()) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII)));
            channel.write(ByteBuffer.wrap(payload));
            return parse(readAll(channel, selector));
        } catch (java.net.SocketException | java.nio.file.NoSuchFileException e) {
            throw new ControlException("control plane not available at " + socket + ": no agent is listening ("
                    + e.getMessage() + ")");
        } catch (IOException e) {
            throw new ControlException("control plane at " + socket + " failed: " + e.getMessage());
        }
    }

    /** A JSON object of strings, as {@code /v3/environ} and {@code /v3/metric} take it. */
    public static String jsonObject(Map<String, String> values) {
        return values.entrySet().stream().map(e -> jsonString(e.getKey()) + ":" + jsonString(e.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
    }

    static String jsonString(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }

    private byte[] readAll(SocketChannel channel, Selector selector) throws IOException, ControlException {
        channel.configureBlocking(false);
        channel.register(selector, SelectionKey.OP_READ);
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || selector.select(Math.max(1, left / 1_000_000)) == 0 && System.nanoTime() >= deadline) {
                throw new ControlException("control plane at " + socket + " did not answer within "
                        + timeout.toSeconds() + "s");
            }
            selector.selectedKeys().clear();
            int read = channel.read(buffer);
            if (read < 0) {
                return answer.toByteArray();
            }
            answer.write(buffer.array(), 0, buffer.position());
            buffer.clear();
        }
    }

    private Response parse(byte[] raw) throws ControlException {
        String text = new String(raw, StandardCharsets.UTF_8);
        int lineEnd = text.indexOf("\r\n");
        String[] status = (lineEnd < 0 ? text : text.substring(0, lineEnd)).split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/") || !isStatusCode(status[1])) {
            throw new ControlException("control plane at " + socket + " sent an answer that is not HTTP");
        }
        int bodyStart = text.indexOf("\r\n\r\n");
        String body = bodyStart < 0 ? "" : text.substring(bodyStart + 4);
        return new Response(Integer.parseInt(status[1]), body);
    }

    /** Three digits; without a regex, which would cost each client command its start. */
    private static boolean isStatusCode(String text) {
        return text.length() == 3 && isDigit(text.charAt(0)) && isDigit(text.charAt(1)) && isDigit(text.charAt(2));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
