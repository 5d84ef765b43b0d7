package io.autopilot.files;

import io.autopilot.jobs.ExitReason;
import io.autopilot.process.Child;
import io.autopilot.process.ExitStatus;
import io.autopilot.process.Leftovers;
import io.autopilot.process.Output;
import io.autopilot.process.SpawnRequest;
import io.autopilot.process.SpawnResult;
import io.autopilot.process.Spawner;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One run of a template's {@code validate} command on a staged file: spawned through the agent's spawner (the agent
 * reaps every child, so no JDK process API may run one), killed when its timeout expires. Completes on the
 * template's context with empty for success, or why the file was refused, with the last lines the command printed.
 * What it leaves running in its process group when it exits is killed then.
 */
final class ValidationRun {
    private static final int SIGKILL = 9;
    private static final int TAIL_LINES = 20;

    private final ArrayDeque<String> tail = new ArrayDeque<>();
    private boolean timedOut;

    private ValidationRun() {
    }

    /** Call on {@code context}: the spawn's result comes back there. */
    static Future<Optional<String>> run(Validation validation, Path staged, Spawner spawner, WorkerExecutor spawns,
            Map<String, String> environment, Context context) {
        return new ValidationRun().start(validation, staged, spawner, spawns, environment, context);
    }

    private Future<Optional<String>> start(Validation validation, Path staged, Spawner spawner, WorkerExecutor spawns,
            Map<String, String> environment, Context context) {
        Map<String, String> env = new HashMap<>(environment);
        env.put(Validation.STAGED_FILE_VARIABLE, staged.toString());
        Output output = Output.lines(this::remember);
        var request = new SpawnRequest(validation.argv(staged), env, Optional.empty(), output, output)
                .withLeftovers(Leftovers.KILL);
        Promise<Optional<String>> result = Promise.promise();
        spawns.executeBlocking(() -> spawner.spawn(request), false).onComplete(spawned -> {
            if (spawned.failed()) {
                result.complete(Optional.of("validate could not start: " + spawned.cause()));
                return;
            }
            switch (spawned.result()) {
                case SpawnResult.Failed failed -> result.complete(Optional.of("validate could not start: "
                        + failed.message()));
                case SpawnResult.Started started -> running(started.child(), validation, context, result);
            }
        });
        return result.future();
    }

    private void running(Child child, Validation validation, Context context, Promise<Optional<String>> result) {
        long timer = context.owner().setTimer(Math.max(1, validation.timeout().toMillis()), id -> {
            timedOut = true;
            child.signal(SIGKILL);
        });
        child.exit().whenComplete((status, error) -> context.runOnContext(v -> {
            context.owner().cancelTimer(timer);
            result.complete(verdict(status, validation));
        }));
    }

    private Optional<String> verdict(ExitStatus status, Validation validation) {
        if (status != null && status.isSuccess()) {
            return Optional.empty();
        }
        String how = timedOut ? ExitReason.timedOut(validation.timeout())
                : ExitReason.of(status == null ? ExitStatus.exited(126) : status);
        String printed = printed();
        return Optional.of("validate refused the file (" + how + ")" + (printed.isEmpty() ? "" : ": " + printed));
    }

    private synchronized void remember(String line) {
        tail.addLast(line);
        if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
        }
    }

    private synchronized String printed() {
        return String.join("\n", tail).strip();
    }
}
