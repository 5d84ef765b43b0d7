package io.autopilot.core;

import io.autopilot.health.HealthStatus;
import io.autopilot.jobs.JobRequest;
import io.autopilot.jobs.JobSnapshot;
import io.autopilot.jobs.JobState;
import io.autopilot.jobs.RequestOutcome;
import io.autopilot.process.ExitStatus;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** A job the test drives by hand: it starts when told, ends when told, and records the signals it gets. */
final class FakeJob implements Supervised {
    final Promise<Void> started = Promise.promise();
    final Promise<Optional<ExitStatus>> completion = Promise.promise();
    final List<Integer> signals = new CopyOnWriteArrayList<>();
    final List<JobRequest> requests = new CopyOnWriteArrayList<>();
    volatile boolean killed;
    volatile boolean startRequested;
    volatile boolean stopRequested;
    volatile boolean startupPassed;
    volatile Set<String> stopHooks = Set.of();
    volatile AgentServices services;
    private final String name;
    private final boolean main;

    FakeJob(String name, boolean main) {
        this.name = name;
        this.main = main;
    }

    /** Starts at once; {@link #end} finishes it. */
    static FakeJob ready(String name, boolean main) {
        FakeJob job = new FakeJob(name, main);
        job.started.complete();
        return job;
    }

    void end(int code) {
        completion.tryComplete(Optional.of(ExitStatus.exited(code)));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean isMain() {
        return main;
    }

    @Override
    public Future<Void> start() {
        startRequested = true;
        return started.future();
    }

    @Override
    public Future<Optional<ExitStatus>> completion() {
        return completion.future();
    }

    @Override
    public void signal(int signal) {
        signals.add(signal);
    }

    @Override
    public void kill() {
        killed = true;
    }

    @Override
    public JobSnapshot snapshot() {
        return new JobSnapshot(name, completion.future().isComplete() ? JobState.COMPLETED : JobState.RUNNING, 0, 0,
                OptionalInt.empty(), Optional.empty(), HealthStatus.UNKNOWN, 0);
    }

    @Override
    public Future<RequestOutcome> request(JobRequest request) {
        requests.add(request);
        return Future.succeededFuture(RequestOutcome.ACCEPTED);
    }

    @Override
    public Future<Void> stop(Set<String> stoppingWithIt) {
        stopRequested = true;
        return Future.succeededFuture();
    }

    @Override
    public void startupPassed() {
        startupPassed = true;
    }

    @Override
    public void replaceStopHooks(Set<String> hooks, Set<String> renewed) {
        stopHooks = Set.copyOf(hooks);
    }
}
