package io.autopilot.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback in front of one upstream (a Consul agent) that can hold its answers: while {@link #hold()}
 * lasts, requests still reach the upstream, but what the upstream sends back is kept in the proxy, every connection
 * staying open, until {@link #release()} passes it on. That is a Consul that takes its time to answer (overloaded,
 * a disk that stalls, a slow network), as seen by its clients. It counts the connections it is given, so a test sees
 * how many a client opens while its answers do not come.
 */
final class StallProxy implements AutoCloseable {
    private static final int CHUNK = 16 * 1024;

    private final ServerSocket server;
    private final InetSocketAddress upstream;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger peakOpen = new AtomicInteger();
    /** Guarded by {@code this}: the pumps towards the clients wait on it while answers are held. */
    private boolean held;

    private StallProxy(ServerSocket server, InetSocketAddress upstream) {
        this.server = server;
        this.upstream = upstream;
        Thread.ofVirtual().name("stall-proxy-accept").start(this::acceptAll);
    }

    /** A proxy on a free loopback port in front of {@code upstreamPort} on loopback, passing everything on. */
    static StallProxy to(int upstreamPort) {
        try {
            var server = new ServerSocket(0, 256, InetAddress.getLoopbackAddress());
            return new StallProxy(server, new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code host:port}, as the agent's {@code consul} key takes it. */
    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** From now on answers are kept; the peak of open connections starts again from those open now. */
    synchronized void hold() {
        held = true;
        peakOpen.set(open.get());
    }

    /** Passes on every answer kept, and what comes after. */
    synchronized void release() {
        held = false;
        notifyAll();
    }

    /** Connections accepted since the proxy started. */
    int accepted() {
        return accepted.get();
    }

    /** Connections open now. */
    int open() {
        return open.get();
    }

    /** The most connections open at once since the last {@link #hold()}. */
    int peakOpen() {
        return peakOpen.get();
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                accepted.incrementAndGet();
                Thread.ofVirtual().name("stall-proxy-connection").start(() -> connect(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void connect(Socket client) {
        Socket toUpstream = new Socket();
        sockets.add(client);
        sockets.add(toUpstream);
        peakOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
        try {
            toUpstream.connect(upstream, 5_000);
            Thread.ofVirtual().name("stall-proxy-answers").start(() -> pump(toUpstream, client, true));
            pump(client, toUpstream, false);
        } catch (IOException e) {
            closeBoth(client, toUpstream);
        }
    }

    /** Copies until either side ends, then closes both; answers wait while they are held. */
    private void pump(Socket from, Socket to, boolean answers) {
        byte[] buffer = new byte[CHUNK];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                if (answers) {
                    awaitRelease();
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // one side closed or reset: the connection is over
        } finally {
            closeBoth(from, to);
        }
    }

    private synchronized void awaitRelease() throws InterruptedException {
        while (held && !server.isClosed()) {
            wait();
        }
    }

    private void closeBoth(Socket one, Socket other) {
        boolean wasOpen = sockets.remove(one) | sockets.remove(other);
        if (wasOpen) {
            open.decrementAndGet();
        }
        quietlyClose(one);
        quietlyClose(other);
    }

    private static void quietlyClose(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        release();
        sockets.forEach(StallProxy::quietlyClose);
    }
}
