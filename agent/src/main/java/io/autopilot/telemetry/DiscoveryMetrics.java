package io.autopilot.telemetry;

import io.autopilot.discovery.CheckStatus;
import io.autopilot.discovery.Discovery;
import io.autopilot.discovery.DiscoveryException;
import io.autopilot.discovery.KeyQuery;
import io.autopilot.discovery.KeyValue;
import io.autopilot.discovery.ServiceInstance;
import io.autopilot.discovery.ServiceQuery;
import io.autopilot.discovery.ServiceRegistration;
import io.autopilot.discovery.Subscription;
import io.autopilot.discovery.WatchListener;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.Future;
import java.util.List;
import java.util.Locale;

/**
 * A {@link Discovery} that counts what passes through it: Consul calls and their failures, and what each watch sees,
 * including ContainerPilot's {@code containerpilot_watch_instances{service}}. It wraps whatever implementation the
 * agent uses, so the metrics need nothing from the Consul client: {@code discovery = metrics.wrap(consul)} where the
 * agent builds it.
 *
 * <p>Not measured here, because this interface does not show it: the latency of each blocking query (a watch is one
 * long-running call), and retries made inside the implementation.
 */
public final class DiscoveryMetrics implements Discovery {
    private final Discovery delegate;
    private final Counter requests;
    private final Counter errors;
    private final Gauge instances;
    private final Counter changes;
    private final Counter watchErrors;

    DiscoveryMetrics(Discovery delegate, PrometheusRegistry registry) {
        this.delegate = delegate;
        requests = Counter.builder().name("autopilot_consul_requests_total").labelNames("operation")
                .help("Calls to Consul by operation (register, check, deregister, maintenance)").withoutExemplars()
                .register(registry);
        errors = Counter.builder().name("autopilot_consul_request_errors_total").labelNames("operation", "kind")
                .help("Failed calls to Consul by operation and kind (unreachable, rejected, invalid)")
                .withoutExemplars().register(registry);
        // ContainerPilot's gauge: a gauge keeps its name in both formats, so it stays a true gauge.
        instances = Gauge.builder().name("containerpilot_watch_instances").labelNames("service")
                .help("Healthy instances of a watched service").withoutExemplars().register(registry);
        changes = Counter.builder().name("autopilot_watch_changes_total").labelNames("watch")
                .help("Changes a watch has seen (its first result included)").withoutExemplars().register(registry);
        watchErrors = Counter.builder().name("autopilot_watch_errors_total").labelNames("watch", "kind")
                .help("Failed watch queries, retried by the watch").withoutExemplars().register(registry);
    }

    @Override
    public Future<Void> register(ServiceRegistration registration) {
        return counted("register", delegate.register(registration));
    }

    @Override
    public Future<Void> updateCheck(String serviceId, CheckStatus status, String output) {
        return counted("check", delegate.updateCheck(serviceId, status, output));
    }

    @Override
    public Future<Void> deregister(String serviceId) {
        return counted("deregister", delegate.deregister(serviceId));
    }

    @Override
    public Future<Void> enterMaintenance() {
        return counted("maintenance", delegate.enterMaintenance());
    }

    @Override
    public Future<Void> exitMaintenance() {
        return counted("maintenance", delegate.exitMaintenance());
    }

    @Override
    public boolean inMaintenance() {
        return delegate.inMaintenance();
    }

    @Override
    public Subscription watchService(ServiceQuery query, WatchListener<List<ServiceInstance>> listener) {
        String watch = query.name();
        return delegate.watchService(query, WatchListener.of(result -> {
            instances.labelValues(watch).set(result.size());
            changes.labelValues(watch).inc();
            listener.onResult(result);
        }, error -> {
            watchErrors.labelValues(watch, kind(error)).inc();
            listener.onError(error);
        }));
    }

    @Override
    public Subscription watchKeys(KeyQuery query, WatchListener<List<KeyValue>> listener) {
        String watch = "key:" + query.key();
        return delegate.watchKeys(query, WatchListener.of(result -> {
            changes.labelValues(watch).inc();
            listener.onResult(result);
        }, error -> {
            watchErrors.labelValues(watch, kind(error)).inc();
            listener.onError(error);
        }));
    }

    @Override
    public Future<Void> close() {
        return delegate.close();
    }

    private Future<Void> counted(String operation, Future<Void> call) {
        requests.labelValues(operation).inc();
        return call.onFailure(failure -> errors.labelValues(operation, failure instanceof DiscoveryException e
                ? kind(e) : "other").inc());
    }

    private static String kind(DiscoveryException error) {
        return error.kind().name().toLowerCase(Locale.ROOT);
    }
}
