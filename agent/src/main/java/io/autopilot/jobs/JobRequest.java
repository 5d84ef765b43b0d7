package io.autopilot.jobs;

/** An operator's request to one job, through the control plane (ContainerPilot's issue 571). */
public sealed interface JobRequest {
    /** See {@link Job#requestStart()}. */
    record Start() implements JobRequest {
    }

    /** See {@link Job#requestStop()}. */
    record Stop() implements JobRequest {
    }

    /** See {@link Job#requestRestart()}. */
    record Restart() implements JobRequest {
    }

    /** See {@link Job#requestSignal(int)}. */
    record Signal(int number) implements JobRequest {
    }
}
