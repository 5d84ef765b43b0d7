package io.autopilot.discovery.consul;

import static io.autopilot.discovery.consul.Clients.web;
import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.discovery.ConsulConfig;
import io.autopilot.discovery.TlsConfig;
import io.autopilot.logging.LoggingConfig.Level;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Consul resetting connections that sit idle in the client's pool, as a killed Consul agent or a proxy that drops
 * them does. Nothing was in flight, so nothing is lost; but the HTTP library, left to itself, logs each one as an
 * error with no more than "Connection reset": as many context-free error lines as there were connections, at every
 * Consul restart, in every container.
 */
class IdleConnectionResetTest {
    @RegisterExtension
    final Clients clients = new Clients();

    @Test
    void idleConnectionsResetByConsulAreNotedAtDebugAndNotLoggedByTheLibrary() throws Exception {
        Logger root = Logger.getLogger("");
        var library = new LibraryRecords();
        root.addHandler(library);
        try (var consul = new ResettingConsul()) {
            var discovery = clients.to(ConsulEndpoint.resolve(new ConsulConfig(Optional.of(consul.address()),
                    Optional.empty(), Optional.empty(), TlsConfig.DEFAULT), Map.of()), Clients.FAST, state -> { });
            Await.result(discovery.register(web("web-idle")));

            consul.resetEveryConnection();

            Await.until("the reset seen by the client", () -> !library.records.isEmpty()
                    || clients.log.messages(Level.DEBUG).stream().anyMatch(line -> line.contains("idle")));
            assertThat(library.records).as("what the library logged").isEmpty();
            assertThat(clients.log.messages(Level.DEBUG)).anyMatch(line -> line.contains(consul.address())
                    && line.contains("Connection reset"));
        } finally {
            root.removeHandler(library);
        }
    }

    /** What libraries log through {@code java.util.logging} at warning and above. */
    private static final class LibraryRecords extends Handler {
        final List<String> records = new CopyOnWriteArrayList<>();

        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                records.add(record.getLoggerName() + ": " + record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    /** Answers each request 200 and keeps the connection open, until told to reset every one (SO_LINGER 0). */
    private static final class ResettingConsul implements AutoCloseable {
        private static final Pattern LENGTH = Pattern.compile("(?i)content-length: *(\\d+)");
        private final ServerSocket server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        private final List<Socket> connections = new CopyOnWriteArrayList<>();

        ResettingConsul() throws IOException {
            Thread.ofVirtual().start(this::acceptAll);
        }

        String address() {
            return "127.0.0.1:" + server.getLocalPort();
        }

        void resetEveryConnection() throws IOException {
            for (Socket connection : connections) {
                if (connection.isClosed()) {
                    continue;
                }
                connection.setSoLinger(true, 0);
                connection.close();
            }
        }

        private void acceptAll() {
            while (!server.isClosed()) {
                try {
                    Socket connection = server.accept();
                    connections.add(connection);
                    Thread.ofVirtual().start(() -> answerAll(connection));
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void answerAll(Socket connection) {
            try (InputStream in = connection.getInputStream()) {
                while (readRequest(in)) {
                    connection.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                }
            } catch (IOException closed) {
                // reset by the test, or by the client
            }
        }

        /** Reads one request, its body included; false at the end of the stream. */
        private static boolean readRequest(InputStream in) throws IOException {
            var head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int next = in.read();
                if (next < 0) {
                    return false;
                }
                head.write(next);
            }
            Matcher length = LENGTH.matcher(head.toString(StandardCharsets.US_ASCII));
            return !length.find() || in.readNBytes(Integer.parseInt(length.group(1))).length >= 0;
        }

        @Override
        public void close() throws IOException {
            server.close();
            resetEveryConnection();
        }
    }
}
