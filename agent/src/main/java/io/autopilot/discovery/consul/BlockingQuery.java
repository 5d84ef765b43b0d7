package io.autopilot.discovery.consul;

import io.autopilot.decode.GoDuration;
import io.autopilot.discovery.DiscoveryException;
import io.autopilot.discovery.DiscoveryException.Kind;
import io.autopilot.discovery.DiscoveryStats;
import io.autopilot.discovery.DiscoveryStats.Operation;
import io.autopilot.discovery.Subscription;
import io.autopilot.discovery.WatchListener;
import io.autopilot.logging.Log;
import io.autopilot.logging.LoggingConfig.Level;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One watch: a loop of blocking queries on one endpoint, confined to the context that started it. Each answer's
 * {@code X-Consul-Index} is sent back as {@code index} with {@code wait}, so Consul answers as soon as the data
 * changes, or when {@code wait} runs out with the same data. ContainerPilot polled every {@code interval} instead
 * (its issue #461), so a change waited half an interval on average.
 *
 * <p>The index rules are Consul's ("Blocking Queries", implementation details): an index that goes backwards (a
 * snapshot restore, a new cluster) is reset, so the next query fetches afresh without blocking; an index of 0 is
 * taken as 1, since index 0 never blocks and would spin. Failures are retried with backoff capped at the watch's
 * retry interval. Results are compared, not indexes: an index can move without the result changing.
 */
final class BlockingQuery<T> implements Subscription {
    /** The pause after an answer that came back early with the index unchanged: rare, and never a change missed. */
    private static final Duration EARLY_ANSWER_PAUSE = Duration.ofMillis(100);

    private final Vertx vertx;
    private final Context context;
    private final ConsulHttp http;
    private final Endpoint<T> endpoint;
    private final ConsulSettings settings;
    private final Backoff backoff;
    private final WatchListener<T> listener;
    private final DiscoveryStats stats;
    private final Log log;

    private long index;
    private int failures;
    private boolean delivered;
    private T last;
    /** Volatile: {@link #cancel()} may come from another thread; the rest of the state is confined. */
    private volatile boolean cancelled;
    private long timer = -1;

    BlockingQuery(Vertx vertx, ConsulHttp http, Endpoint<T> endpoint, ConsulSettings settings, Duration retryCap,
            WatchListener<T> listener, DiscoveryStats stats, Log log) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.http = http;
        this.endpoint = endpoint;
        this.settings = settings;
        this.backoff = settings.retry().cappedAt(retryCap);
        this.listener = listener;
        this.stats = stats;
        this.log = log;
    }

    /** What to query and how to read it. */
    record Endpoint<T>(String path, Map<String, String> parameters, Set<Integer> accepted,
            Function<ConsulResponse, T> parse) {
    }

    BlockingQuery<T> start() {
        context.runOnContext(ignored -> query());
        return this;
    }

    @Override
    public void cancel() {
        cancelled = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** For shutdown, from any thread. */
    void cancelOnItsContext() {
        context.runOnContext(ignored -> cancel());
    }

    private void query() {
        timer = -1;
        if (cancelled) {
            return;
        }
        Map<String, String> query = new LinkedHashMap<>(endpoint.parameters());
        long requested = index;
        if (requested > 0) {
            query.put("index", Long.toString(requested));
            query.put("wait", GoDuration.format(settings.blockingWait()));
        }
        long started = System.nanoTime();
        stats.request(Operation.WATCH);
        http.get(endpoint.path(), query, settings.blockingRequestTimeout(), endpoint.accepted()).onComplete(answer -> {
            if (cancelled) {
                return;
            }
            if (answer.succeeded()) {
                onAnswer(answer.result(), requested, Duration.ofNanos(System.nanoTime() - started));
            } else {
                onFailure(answer.cause());
            }
        });
    }

    private void onAnswer(ConsulResponse response, long requested, Duration took) {
        T result;
        try {
            result = endpoint.parse().apply(response);
        } catch (RuntimeException e) {
            onFailure(new DiscoveryException(Kind.REJECTED, "Consul's answer to GET " + endpoint.path()
                    + " is unreadable: " + e, e));
            return;
        }
        failures = 0;
        index = nextIndex(requested, response.index());
        deliver(() -> listener.onAnswer(took));
        if (!delivered || !result.equals(last)) {
            delivered = true;
            last = result;
            deliver(() -> listener.onResult(result));
        } else if (log.enabled(Level.DEBUG)) {
            log.debug("consul: GET " + endpoint.path() + " answered at index " + response.index() + ", unchanged");
        }
        boolean early = requested > 0 && response.index() == requested && took.compareTo(settings.blockingWait()) < 0;
        next(early ? EARLY_ANSWER_PAUSE : Duration.ZERO);
    }

    static long nextIndex(long requested, long returned) {
        if (returned < requested) {
            return 0;
        }
        return Math.max(returned, 1);
    }

    private void onFailure(Throwable cause) {
        failures++;
        DiscoveryException error = cause instanceof DiscoveryException known ? known
                : new DiscoveryException(Kind.UNREACHABLE, "GET " + endpoint.path() + " failed: " + cause, cause);
        stats.error(Operation.WATCH, error.kind());
        deliver(() -> listener.onError(error));
        next(backoff.delay(failures));
    }

    private void next(Duration pause) {
        if (cancelled) {
            return;
        }
        if (pause.isZero()) {
            query();
        } else {
            timer = vertx.setTimer(pause.toMillis(), ignored -> query());
        }
    }

    /** A listener that throws must not end the watch. */
    private void deliver(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.error("consul: a listener of GET " + endpoint.path() + " failed: " + e);
        }
    }
}
