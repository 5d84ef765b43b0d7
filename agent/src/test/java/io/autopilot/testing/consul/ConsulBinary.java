package io.autopilot.testing.consul;

import io.autopilot.process.ChildEnvironment;
import io.autopilot.process.Output;
import io.autopilot.process.SpawnRequest;
import io.autopilot.process.SpawnResult;
import io.autopilot.process.Spawner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Finds the Consul binary once per JVM: {@code $CONSUL_BIN} (scripts/test.sh exports it), else whatever
 * {@code scripts/install-consul.sh} prints (it fetches Debian's package into {@code .tools/} on first use).
 */
final class ConsulBinary {
    private static final long INSTALL_TIMEOUT_SECONDS = 300;
    private static volatile Lookup lookup;

    /** The binary, or why there is none. */
    record Lookup(Optional<Path> binary, String whyNot) {
    }

    private ConsulBinary() {
    }

    static Lookup find() {
        Lookup found = lookup;
        if (found == null) {
            synchronized (ConsulBinary.class) {
                if (lookup == null) {
                    lookup = look();
                }
                found = lookup;
            }
        }
        return found;
    }

    private static Lookup look() {
        String fromEnv = System.getenv("CONSUL_BIN");
        if (fromEnv != null && !fromEnv.isEmpty() && Files.isExecutable(Path.of(fromEnv))) {
            return new Lookup(Optional.of(Path.of(fromEnv)), "");
        }
        Optional<Path> script = repositoryRoot().map(root -> root.resolve("scripts/install-consul.sh"));
        if (script.isEmpty()) {
            return new Lookup(Optional.empty(), "CONSUL_BIN is not set and scripts/install-consul.sh was not found"
                    + " above " + Path.of("").toAbsolutePath());
        }
        return install(script.get());
    }

    private static Lookup install(Path script) {
        Queue<String> out = new ConcurrentLinkedQueue<>();
        Queue<String> err = new ConcurrentLinkedQueue<>();
        var request = SpawnRequest.of(List.of("bash", script.toString()), ChildEnvironment.fromAgent())
                .withStdout(Output.lines(out::add)).withStderr(Output.lines(err::add));
        if (!(Spawner.system().spawn(request) instanceof SpawnResult.Started(var child))) {
            return new Lookup(Optional.empty(), "cannot run bash " + script);
        }
        try {
            var status = child.exit().get(INSTALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            String last = out.stream().reduce((a, b) -> b).orElse("");
            if (status.isSuccess() && !last.isEmpty() && Files.isExecutable(Path.of(last))) {
                return new Lookup(Optional.of(Path.of(last)), "");
            }
            return new Lookup(Optional.empty(), script + " found no Consul (" + status + "): " + String.join(" | ", err));
        } catch (Exception e) {
            child.signal(9);
            return new Lookup(Optional.empty(), script + " did not finish: " + e);
        }
    }

    private static Optional<Path> repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("scripts/install-consul.sh"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }
}
