package io.autopilot.telemetry;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Summary;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleConsumer;

/**
 * One metric of {@code telemetry.metrics}, registered under its full name, fed by {@code Event.Metric} values.
 * ContainerPilot's defaults are kept: a histogram has client_golang's default buckets (the same as the Java client's
 * classic ones), a summary the 0.5/0.9/0.99 quantiles over 10 minutes.
 */
sealed interface UserMetric {
    String DEFAULT_HELP = "Set by the application (-putmetric, /v3/metric)";

    /** Applies one value, which {@link MetricType#refusal} has let through. */
    void apply(double value);

    static UserMetric register(MetricConfig config, PrometheusRegistry registry) {
        String name = config.fullName();
        // Without help text, `promtool check metrics` reports the metric; say at least where it comes from.
        String help = config.help().isEmpty() ? DEFAULT_HELP : config.help();
        return switch (config.type()) {
            // A name ending in _total is a true counter, its name unchanged; any other is exposed untyped under its
            // exact name, as ContainerPilot exposed it (the client would append _total to a counter's).
            case COUNTER -> new Counting(name.endsWith("_total")
                    ? Counter.builder().name(name).help(help).withoutExemplars().register(registry)::inc
                    : untyped(registry, new UntypedCounter(name, help))::add);
            case GAUGE -> new Settable(Gauge.builder().name(name).help(help).withoutExemplars().register(registry));
            case HISTOGRAM -> new Observed(Histogram.builder().name(name).help(help).classicOnly().withoutExemplars()
                    .register(registry)::observe);
            case SUMMARY -> new Observed(Summary.builder().name(name).help(help).quantile(0.5, 0.05)
                    .quantile(0.9, 0.01).quantile(0.99, 0.001).maxAgeSeconds(TimeUnit.MINUTES.toSeconds(10))
                    .withoutExemplars().register(registry)::observe);
        };
    }

    private static UntypedCounter untyped(PrometheusRegistry registry, UntypedCounter counter) {
        registry.register(counter);
        return counter;
    }

    record Counting(DoubleConsumer add) implements UserMetric {
        public void apply(double value) {
            add.accept(value);
        }
    }

    record Settable(Gauge gauge) implements UserMetric {
        public void apply(double value) {
            gauge.set(value);
        }
    }

    record Observed(DoubleConsumer observe) implements UserMetric {
        public void apply(double value) {
            observe.accept(value);
        }
    }
}
