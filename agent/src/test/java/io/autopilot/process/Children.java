package io.autopilot.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/** Starts real children for the tests through the one process-wide {@link Spawner}. */
final class Children {
    static final Spawner SPAWNER = Spawner.system();
    static final long TIMEOUT_SECONDS = 20;

    private Children() {}

    static SpawnRequest request(String... argv) {
        return SpawnRequest.of(List.of(argv), ChildEnvironment.fromAgent());
    }

    static SpawnRequest sh(String script) {
        return request("/bin/sh", "-c", script);
    }

    static Child start(SpawnRequest request) {
        var result = SPAWNER.spawn(request);
        assertThat(result).isInstanceOf(SpawnResult.Started.class);
        return ((SpawnResult.Started) result).child();
    }

    static ExitStatus await(Child child) {
        try {
            return child.exit().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no exit from " + child + " within " + TIMEOUT_SECONDS + " s", e);
        }
    }

    /** Runs to completion with both streams piped; the lists are complete once the exit is reported. */
    static Ran run(SpawnRequest request) {
        Queue<String> out = new ConcurrentLinkedQueue<>();
        Queue<String> err = new ConcurrentLinkedQueue<>();
        var child = start(request.withStdout(Output.lines(out::add)).withStderr(Output.lines(err::add)));
        var status = await(child);
        return new Ran(status, List.copyOf(out), List.copyOf(err));
    }

    record Ran(ExitStatus status, List<String> stdout, List<String> stderr) {}
}
