package io.autopilot.telemetry;

import io.autopilot.services.RegistrationSnapshot;
import io.autopilot.services.RegistrationState;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.function.Supplier;

/**
 * The services' metrics, read at scrape time from their registrations' snapshots: whether each waits for an address
 * (none of its job's {@code interfaces} has one, so it is not registered), for an alert on a service that would
 * otherwise be missing from the catalog without a sign.
 */
final class ServiceMetrics implements MultiCollector {
    private final Supplier<List<RegistrationSnapshot>> services;

    ServiceMetrics(Supplier<List<RegistrationSnapshot>> services) {
        this.services = services;
    }

    @Override
    public MetricSnapshots collect() {
        GaugeSnapshot.Builder waiting = GaugeSnapshot.builder().name("autopilot_service_waiting_for_address")
                .help("1 while none of the interfaces of the service's job has an address, so that it is not"
                        + " registered; 0 once it has one");
        for (RegistrationSnapshot service : services.get()) {
            waiting.dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("service", service.serviceId()))
                    .value(service.state() == RegistrationState.NO_ADDRESS ? 1 : 0).build());
        }
        return MetricSnapshots.of(waiting.build());
    }
}
