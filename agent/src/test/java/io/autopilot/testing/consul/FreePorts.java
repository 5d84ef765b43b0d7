package io.autopilot.testing.consul;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Loopback ports nobody listens on now, all distinct, so parallel runs and several agents do not collide. */
final class FreePorts {
    private FreePorts() {
    }

    static List<Integer> take(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            // All held open at once, so the kernel cannot hand out the same port twice.
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing an unconnected listener does not fail in a way that matters here
                }
            }
        }
    }
}
