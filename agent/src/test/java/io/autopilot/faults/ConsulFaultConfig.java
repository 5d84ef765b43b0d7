package io.autopilot.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The agent every Consul fault is tried on, as a typical container's: {@link #JOBS} long-running jobs, each registered
 * with a health check every second (TTL 10 s), telemetry (registered too, its TTL passed every 5 s), and a template fed
 * by a watch of {@link #WATCHED} (which the case registers instances of behind the agent's back, to see the watch
 * follow).
 *
 * @param file the configuration file
 * @param socket the control socket
 * @param telemetryPort where {@code /metrics} answers
 * @param rendered the template's destination
 */
record ConsulFaultConfig(Path file, Path socket, int telemetryPort, Path rendered) {
    static final int JOBS = 4;
    static final String WATCHED = "backend";
    /** The service names the agent registers: its jobs' and its telemetry's. */
    static final Set<String> SERVICES = Stream.concat(IntStream.rangeClosed(1, JOBS).mapToObj(i -> "svc-" + i),
            Stream.of("containerpilot")).collect(Collectors.toUnmodifiableSet());

    static ConsulFaultConfig write(Path dir, String consulAddress) throws IOException {
        var config = new ConsulFaultConfig(dir.resolve("agent.json5"), dir.resolve("control.sock"), freePort(),
                dir.resolve("backends.txt"));
        Path template = Files.writeString(dir.resolve("backends.tmpl"),
                "{{ range service \"" + WATCHED + "\" }}{{ .ID }} {{ .Address }}:{{ .Port }}\n{{ end }}");
        String jobs = IntStream.rangeClosed(1, JOBS).mapToObj(i -> """
                    { name: "svc-%d", exec: ["sleep", "3600"], port: %d, interfaces: ["static:127.0.0.1"],
                      health: { exec: "true", interval: 1, ttl: 10 } },
                """.formatted(i, 9000 + i)).collect(Collectors.joining());
        Files.writeString(config.file(), """
                {
                  consul: "%s",
                  control: { socket: "%s" },
                  jobs: [
                %s  ],
                  watches: [{ name: "%s", interval: 5 }],
                  templates: [{ name: "backends", source: "%s", destination: "%s" }],
                  telemetry: { port: %d, interfaces: ["static:127.0.0.1"] },
                }
                """.formatted(consulAddress, config.socket(), jobs, WATCHED, template, config.rendered(),
                config.telemetryPort()));
        return config;
    }

    /** The template's output now: one line per healthy instance of {@link #WATCHED}, empty before the first render. */
    String renderedText() {
        try {
            return Files.exists(rendered) ? Files.readString(rendered) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
