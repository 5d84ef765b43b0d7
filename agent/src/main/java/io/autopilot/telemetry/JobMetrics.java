package io.autopilot.telemetry;

import io.autopilot.jobs.JobSnapshot;
import io.autopilot.jobs.JobState;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Per-job metrics read at scrape time from the jobs' immutable snapshots: nothing is kept here, and a scrape sees
 * each job as it was at one moment.
 *
 * <p>The job is the {@code name} label, never {@code job}: Prometheus sets {@code job} (and {@code instance}) on every
 * scraped series itself and would rename ours to {@code exported_job}.
 */
final class JobMetrics implements MultiCollector {
    private final Supplier<List<JobSnapshot>> jobs;

    JobMetrics(Supplier<List<JobSnapshot>> jobs) {
        this.jobs = jobs;
    }

    @Override
    public MetricSnapshots collect() {
        List<JobSnapshot> snapshots = jobs.get();
        return MetricSnapshots.of(
                gauge("autopilot_job_up", "1 while the job's process runs (or, without exec, while it is active)",
                        snapshots, s -> s.state() == JobState.RUNNING ? 1 : 0),
                counter("autopilot_job_restarts", "Restarts used (interval runs count, as in ContainerPilot)",
                        snapshots, JobSnapshot::restarts),
                counter("autopilot_job_skipped_triggers", "Triggers that came while the job still ran, and were"
                        + " skipped", snapshots, JobSnapshot::skippedTriggers),
                gauge("autopilot_health_check_seconds", "How long the job's last health check took",
                        snapshots.stream().filter(s -> s.lastCheck().isPresent()).toList(),
                        s -> s.lastCheck().orElseThrow().toNanos() / 1e9));
    }

    private static GaugeSnapshot gauge(String name, String help, List<JobSnapshot> jobs,
                                       ToDoubleFunction<JobSnapshot> value) {
        GaugeSnapshot.Builder builder = GaugeSnapshot.builder().name(name).help(help);
        jobs.forEach(job -> builder.dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("name", job.name()))
                .value(value.applyAsDouble(job)).build()));
        return builder.build();
    }

    private static CounterSnapshot counter(String name, String help, List<JobSnapshot> jobs,
                                           ToDoubleFunction<JobSnapshot> value) {
        CounterSnapshot.Builder builder = CounterSnapshot.builder().name(name).help(help);
        jobs.forEach(job -> builder.dataPoint(CounterDataPointSnapshot.builder()
                .labels(Labels.of("name", job.name())).value(value.applyAsDouble(job)).build()));
        return builder.build();
    }
}
