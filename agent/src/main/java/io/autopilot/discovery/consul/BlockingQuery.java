package io.autopilot.discovery.consul;

import io.autopilot.decode.GoDuration;
import io.autopilot.discovery.DiscoveryException;
import io.autopilot.discovery.DiscoveryException.Kind;
import io.autopilot.discovery.DiscoveryStats.Operation;
import io.autopilot.discovery.Subscription;
import io.autopilot.discovery.WatchListener;
import io.autopilot.logging.LoggingConfig.Level;
import io.autopilot.retry.Backoff;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * One watch: a loop of blocking queries on one endpoint, confined to the context that started it. Each answer's
 * {@code X-Consul-Index} is sent back as {@code index} with {@code wait}, so Consul answers as soon as the data
 * changes, or when {@code wait} runs out with the same data. ContainerPilot polled every {@code interval} instead
 * (its issue #461), so a change waited half an interval on average.
 *
 * <p>The index rules are Consul's ("Blocking Queries", implementation details): an index that goes backwards (a
 * snapshot restore, a new cluster) is reset, so the next query fetches afresh without blocking; an index of 0 is
 * taken as 1, since index 0 never blocks. An answer that did not block (that reset, a missing header, a proxy that
 * answers at once) must not be asked again at once, or the loop spins: as consul-template does, a query never starts
 * sooner than {@link #MIN_INTERVAL} after the one before, plus up to {@link #INTERVAL_JITTER} at random. Failures are
 * retried with the agent's {@link Backoff}, capped at the watch's retry interval. Results are compared, not indexes:
 * an index can move without the result changing.
 *
 * <p>The loop survives whatever one round throws: a failure of the agent's own (a listener's defect, no memory left
 * while decoding) is reported like Consul's failures (log, the listener's {@code onError}, the error count) and
 * retried with backoff; one the agent cannot survive ({@link #survivable}) also goes to the fatal handler.
 */
final class BlockingQuery<T> implements Subscription {
    static final Duration MIN_INTERVAL = Duration.ofMillis(100);
    static final Duration INTERVAL_JITTER = Duration.ofMillis(20);

    private final ConsulConnections shared;
    private final Context context;
    private final Endpoint<T> endpoint;
    private final Backoff backoff;
    private final WatchListener<T> listener;

    private long index;
    private int failures;
    private boolean delivered;
    private boolean warnedWithoutIndex;
    private T last;
    /** Volatile: {@link #cancel()} may come from another thread; the rest of the state is confined. */
    private volatile boolean cancelled;
    private long timer = -1;
    private ConsulCall<?> inFlight;

    BlockingQuery(ConsulConnections shared, Endpoint<T> endpoint, Duration retryCap, WatchListener<T> listener) {
        this.shared = shared;
        this.context = shared.vertx().getOrCreateContext();
        this.endpoint = endpoint;
        this.backoff = shared.settings().retry().cappedAt(retryCap);
        this.listener = listener;
    }

    /** What to query and how to decode it, by status; {@code accepted} statuses are answers, others failures. */
    record Endpoint<T>(String path, Map<String, String> parameters, Set<Integer> accepted,
            IntFunction<AnswerDecoder<T>> decoders) {
    }

    BlockingQuery<T> start() {
        context.runOnContext(ignored -> query());
        return this;
    }

    /** Stops the loop, from any thread; a query in flight is aborted at once, freeing its connection. */
    @Override
    public void cancel() {
        cancelled = true;
        context.runOnContext(ignored -> {
            if (timer >= 0) {
                shared.vertx().cancelTimer(timer);
            }
            if (inFlight != null) {
                inFlight.cancel();
            }
        });
    }

    private void query() {
        timer = -1;
        if (cancelled) {
            return;
        }
        long requested = index;
        long started = System.nanoTime();
        Duration pause = backoff.max();
        try {
            Map<String, String> query = new LinkedHashMap<>(endpoint.parameters());
            if (requested > 0) {
                query.put("index", Long.toString(requested));
                query.put("wait", GoDuration.format(shared.settings().blockingWait()));
            }
            shared.stats().request(Operation.WATCH);
            var call = shared.http().get(endpoint.path(), query, shared.settings().blockingRequestTimeout(),
                    endpoint.accepted(), endpoint.decoders());
            inFlight = call;
            call.result().onComplete(answer -> answered(answer, requested, started));
            return;
        } catch (Throwable failure) { // the loop must go on: see the class comment
            pause = ownFailure(failure);
        }
        next(pause, Duration.ZERO);
    }

    private void answered(AsyncResult<ConsulResponse<T>> answer, long requested, long started) {
        inFlight = null;
        if (cancelled) {
            return;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Duration pause = backoff.max();
        try {
            pause = answer.succeeded() ? onAnswer(answer.result(), requested, took)
                    : onFailure(answer.cause(), requested);
        } catch (Throwable failure) {
            pause = ownFailure(failure);
        } finally {
            next(pause, took);
        }
    }

    /**
     * A listener that fails on a result has not taken it: the index stays, so the next query (after the failure's
     * backoff) fetches the result again at once, and it is delivered again.
     */
    private Duration onAnswer(ConsulResponse<T> response, long requested, Duration took) {
        if (response.index().isEmpty() && !warnedWithoutIndex) {
            warnedWithoutIndex = true;
            shared.log().warn("consul: the answer to GET " + endpoint.path() + " has no X-Consul-Index header (is a"
                    + " proxy removing it?), so the watch cannot wait for changes: it asks again every "
                    + MIN_INTERVAL.toMillis() + " ms instead");
        }
        deliver(() -> listener.onAnswer(took));
        T result = response.body();
        if (!delivered || !result.equals(last)) {
            listener.onResult(result);
            delivered = true;
            last = result;
        } else if (shared.log().enabled(Level.DEBUG)) {
            shared.log().debug("consul: GET " + endpoint.path() + " answered at index " + response.index()
                    .orElse(0) + ", unchanged");
        }
        index = nextIndex(requested, response.index().orElse(0));
        failures = 0;
        return Duration.ZERO;
    }

    static long nextIndex(long requested, long returned) {
        if (returned < requested) {
            return 0;
        }
        return Math.max(returned, 1);
    }

    private Duration onFailure(Throwable cause, long requested) {
        if (!(cause instanceof DiscoveryException error)) {
            return ownFailure(cause);
        }
        if (error instanceof UnusableAnswer unusable && unusable.index() > 0) {
            // Asked again at once, Consul would send the same body: wait for the data to change instead.
            index = nextIndex(requested, unusable.index());
        }
        report(error);
        return backoff.delay(++failures, shared.random());
    }

    /** A failure of the agent's own, not Consul's: reported as such, and retried like the others. */
    private Duration ownFailure(Throwable failure) {
        if (!survivable(failure)) {
            shared.cannotSurvive(failure);
        }
        shared.log().error("consul: handling the answer to GET " + endpoint.path() + " failed: " + failure);
        report(new DiscoveryException(Kind.INTERNAL, "the agent failed handling Consul's answer to GET "
                + endpoint.path() + ": " + failure, failure));
        return backoff.delay(++failures, shared.random());
    }

    private void report(DiscoveryException error) {
        shared.stats().error(Operation.WATCH, error.kind());
        deliver(() -> listener.onError(error));
    }

    /** Schedules the next query after {@code pause}, and never sooner than the minimum interval between queries. */
    private void next(Duration pause, Duration took) {
        if (cancelled) {
            return;
        }
        Duration wait = pause;
        if (took.compareTo(MIN_INTERVAL) < 0) {
            Duration floor = MIN_INTERVAL.minus(took).plusNanos((long) (INTERVAL_JITTER.toNanos()
                    * shared.random().getAsDouble()));
            wait = wait.compareTo(floor) < 0 ? floor : wait;
        }
        if (wait.isZero()) {
            query();
        } else {
            timer = shared.vertx().setTimer(Math.max(1, wait.toMillis()), ignored -> query());
        }
    }

    /** A listener that throws on news other than a result must not end the watch. */
    private void deliver(Runnable call) {
        try {
            call.run();
        } catch (Throwable failure) {
            if (!survivable(failure)) {
                shared.cannotSurvive(failure);
            }
            shared.log().error("consul: a listener of GET " + endpoint.path() + " failed: " + failure);
        }
    }

    /**
     * Whether the agent can go on after {@code failure} as if nothing happened. Not after the JVM says it is broken
     * (no memory left, an internal error); a stack overflow unwinds and leaves nothing behind.
     */
    static boolean survivable(Throwable failure) {
        return !(failure instanceof VirtualMachineError) || failure instanceof StackOverflowError;
    }
}
