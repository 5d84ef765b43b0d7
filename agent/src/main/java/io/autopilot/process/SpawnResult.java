package io.autopilot.process;

/**
 * The outcome of {@link Spawner#spawn}: a running child, or the reason it could not be started. A failed spawn is an
 * ordinary result, not an exception, because for a supervisor it is a user error to report like any exit.
 */
public sealed interface SpawnResult {

    record Started(Child child) implements SpawnResult {}

    /**
     * The child could not be started. {@code message} names what failed and gives the C library's text for
     * {@code errno} ("/app/run: No such file or directory"). The status is what a shell would report: 127 when the
     * program does not exist, 126 for every other failure (not executable, bad working directory, no resources).
     */
    record Failed(String message, int errno, ExitStatus status) implements SpawnResult {}
}
