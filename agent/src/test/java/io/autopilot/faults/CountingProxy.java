package io.autopilot.faults;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A TCP proxy on loopback in front of Consul that counts every HTTP request that passes through it: one listening
 * port per client, so each agent's requests are told apart by the port it was given as its Consul address. Bytes
 * pass unchanged both ways (keep-alive, blocking queries that stay open a minute); requests are found by reading
 * the request heads on the way in ({@link RequestHead}).
 *
 * <p>Each client's connections to Consul come from an address of its own on loopback ({@code 127.1.x.y}), as each
 * container of a fleet has its own: Consul limits the connections of one client address
 * ({@code limits.http_max_conns_per_client}, 200), which fifty agents all on 127.0.0.1 would exceed together.
 *
 * <p>While the upstream Consul is down, the proxy still reads the request a client sends on a new connection and
 * counts it as not forwarded, then resets the connection, as a refused connection looks to the client: so the
 * retries against a Consul that is away are counted too. When Consul ends a connection, the client's ends with it.
 */
final class CountingProxy implements AutoCloseable {
    /** As long as the agent gives Consul to answer (10 s by default): a slow connect is not a refused one. */
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    /** One request: which client sent it, when its head had arrived, and whether it reached Consul. */
    record Request(int client, long nanos, String method, String target, boolean forwarded) {
        String path() {
            int query = target.indexOf('?');
            return query < 0 ? target : target.substring(0, query);
        }
    }

    private final List<ServerSocket> listeners;
    private final List<InetSocketAddress> upstreams;
    private final Queue<Request> requests = new ConcurrentLinkedQueue<>();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private CountingProxy(List<ServerSocket> listeners, List<InetSocketAddress> upstreams) {
        this.listeners = listeners;
        this.upstreams = upstreams;
    }

    /** A listening port for each upstream given: client {@code i} is proxied to {@code upstreams.get(i)}. */
    static CountingProxy start(List<InetSocketAddress> upstreams) {
        List<ServerSocket> listeners = new ArrayList<>();
        try {
            for (int i = 0; i < upstreams.size(); i++) {
                listeners.add(new ServerSocket(0, 200, InetAddress.getLoopbackAddress()));
            }
        } catch (IOException e) {
            listeners.forEach(CountingProxy::closeQuietly);
            throw new UncheckedIOException("cannot listen on loopback", e);
        }
        var proxy = new CountingProxy(List.copyOf(listeners), List.copyOf(upstreams));
        for (int i = 0; i < listeners.size(); i++) {
            int client = i;
            Thread.ofVirtual().name("proxy-accept-" + i).start(() -> proxy.accept(client));
        }
        return proxy;
    }

    /** {@code 127.0.0.1:<port>}: the Consul address to give client {@code client}. */
    String address(int client) {
        return "127.0.0.1:" + listeners.get(client).getLocalPort();
    }

    /** Every request so far, in the order their heads arrived (within a client). */
    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void accept(int client) {
        ServerSocket listener = listeners.get(client);
        while (!closed) {
            try {
                Socket downstream = listener.accept();
                connections.add(downstream);
                Thread.ofVirtual().start(() -> serve(client, downstream));
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("proxy: accepting on " + listener + " failed: " + e);
                }
            }
        }
    }

    private void serve(int client, Socket downstream) {
        try (downstream) {
            InputStream in = new BufferedInputStream(downstream.getInputStream());
            Optional<RequestHead> head = RequestHead.read(in);
            if (head.isEmpty()) {
                return;
            }
            Socket upstream = new Socket();
            try {
                upstream.bind(new InetSocketAddress(sourceAddress(client), 0));
                upstream.connect(upstreams.get(client), CONNECT_TIMEOUT_MILLIS);
            } catch (IOException refused) {
                record(client, head.get(), false);
                downstream.setSoLinger(true, 0); // a reset, as a refused connection is to the client
                return;
            }
            connections.add(upstream);
            try (upstream) {
                Thread.ofVirtual().start(() -> answers(upstream, downstream));
                var out = upstream.getOutputStream();
                while (head.isPresent()) {
                    record(client, head.get(), true);
                    head.get().forward(in, out);
                    head = RequestHead.read(in);
                }
            } finally {
                connections.remove(upstream);
            }
        } catch (IOException e) {
            // the client or Consul ended the connection: what it carried was counted as it arrived
        } finally {
            connections.remove(downstream);
        }
    }

    /** The loopback address client {@code client}'s connections come from: 127.1.0.1, 127.1.0.2, ... */
    static InetAddress sourceAddress(int client) throws IOException {
        return InetAddress.getByAddress(new byte[] {127, 1, (byte) (client / 250), (byte) (client % 250 + 1)});
    }

    /** Copies Consul's answers to the client; when Consul ends the connection, the client's ends too. */
    private static void answers(Socket upstream, Socket downstream) {
        try {
            upstream.getInputStream().transferTo(downstream.getOutputStream());
        } catch (IOException e) {
            try {
                downstream.setSoLinger(true, 0);
            } catch (IOException ignored) {
                // the connection is going anyway
            }
        } finally {
            closeQuietly(downstream);
            closeQuietly(upstream);
        }
    }

    private void record(int client, RequestHead head, boolean forwarded) {
        requests.add(new Request(client, System.nanoTime(), head.method(), head.target(), forwarded));
    }

    @Override
    public void close() {
        closed = true;
        listeners.forEach(CountingProxy::closeQuietly);
        connections.forEach(CountingProxy::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing at the end of a test: nothing to do about a failure
        }
    }
}
