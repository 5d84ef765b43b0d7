package io.autopilot.core;

import io.autopilot.jobs.Job;
import io.autopilot.jobs.JobConfig;
import io.autopilot.jobs.JobContext;
import io.autopilot.jobs.Locks;
import io.autopilot.jobs.JobOutcome;
import io.autopilot.jobs.JobRequest;
import io.autopilot.jobs.JobSnapshot;
import io.autopilot.jobs.RequestOutcome;
import io.autopilot.jobs.Jobs;
import io.autopilot.process.ExitStatus;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A {@link Job} as the agent supervises it. */
final class SupervisedJob implements Supervised {
    private final Job job;

    private SupervisedJob(Job job) {
        this.job = job;
    }

    /**
     * The real jobs, sharing one {@link JobContext} made from the agent's services at the first call: jobs a reload
     * makes see the running ones' pids in their children's environment, and the other way round.
     */
    static JobFactory factory() {
        return factory(Locks.NONE);
    }

    /** As {@link #factory()}, the jobs' locks taken from {@code locks}. */
    static JobFactory factory(Locks locks) {
        return new JobFactory() {
            private JobContext context;

            @Override
            public synchronized List<Supervised> create(List<JobConfig> configs,
                                                Set<String> names, AgentServices services) {
                if (context == null) {
                    context = JobContext.of(services.vertx(), services.bus(), services.spawner(),
                            services.blocking().spawns(), services.log(), services.environment()::snapshot,
                            services.stopAgent()).withLocks(locks);
                }
                return Jobs.create(configs, names, context).stream().<Supervised>map(SupervisedJob::new).toList();
            }

            @Override
            public Locks locks() {
                return locks;
            }
        };
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
    public JobSnapshot snapshot() {
        return job.snapshot();
    }

    @Override
    public Future<RequestOutcome> request(JobRequest request) {
        return switch (request) {
            case JobRequest.Start s -> job.requestStart();
            case JobRequest.Stop s -> job.requestStop();
            case JobRequest.Restart r -> job.requestRestart();
            case JobRequest.Signal(int signal) -> job.requestSignal(signal);
        };
    }

    @Override
    public Future<Void> stop(Set<String> stoppingWithIt) {
        return job.stop(stoppingWithIt);
    }

    @Override
    public void startupPassed() {
        job.startupPassed();
    }

    @Override
    public void replaceStopHooks(Set<String> hooks, Set<String> renewed) {
        job.replaceStopHooks(hooks, renewed);
    }
}
