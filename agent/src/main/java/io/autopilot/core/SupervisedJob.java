package io.autopilot.core;

import io.autopilot.jobs.Job;
import io.autopilot.jobs.JobContext;
import io.autopilot.jobs.JobOutcome;
import io.autopilot.jobs.JobSnapshot;
import io.autopilot.jobs.Jobs;
import io.autopilot.process.ExitStatus;
import io.vertx.core.Future;
import java.util.Optional;

/** A {@link Job} as the agent supervises it. */
final class SupervisedJob implements Supervised {
    private final Job job;

    private SupervisedJob(Job job) {
        this.job = job;
    }

    /** The real jobs, sharing one {@link JobContext} made from the agent's services. */
    static JobFactory factory() {
        return (configs, services) -> Jobs.create(configs, JobContext.of(services.vertx(), services.bus(),
                services.spawner(), services.log(), services::environment, services.stopAgent()))
                .stream().<Supervised>map(SupervisedJob::new).toList();
    }

    @Override
    public String name() {
        return job.name();
    }

    @Override
    public boolean isMain() {
        return job.config().main();
    }

    @Override
    public Future<Void> start() {
        return job.start();
    }

    @Override
    public Future<Optional<ExitStatus>> completion() {
        return Future.fromCompletionStage(job.completion()).map(JobOutcome::lastExit);
    }

    @Override
    public void signal(int signal) {
        job.signal(signal);
    }

    @Override
    public void kill() {
        job.kill();
    }

    @Override
    public Optional<JobSnapshot> snapshot() {
        return Optional.of(job.snapshot());
    }
}
