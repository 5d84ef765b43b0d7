package io.autopilot.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.control.BadRequests;
import io.autopilot.scenarios.PidOneScenarios;
import io.autopilot.scenarios.Scenario;
import io.autopilot.scenarios.Signal;
import io.autopilot.testing.RawHttp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The control plane of the packaged agent, as PID 1, under requests a broken or hostile client sends: malformed,
 * oversized, deeply nested and half-closed ones from many clients at once. Every one gets its expected code, the agent
 * neither crashes nor hangs, and its memory after is within a bound of its memory before. The slow clients and the
 * socket's permissions are {@link SlowClientsFaultsIT} and {@link SocketPermissionsFaultsIT}.
 */
@ExtendWith(PidOneScenarios.class)
class ControlPlaneFaultsIT {
    /** At least this many requests; {@code -Dfaults.control.requests=N} for more. */
    private static final int REQUESTS = FaultRuns.rounds("faults.control.requests", 10_000);
    private static final int CLIENTS = 8;
    private static final Duration BOUND = Duration.ofSeconds(10);
    /**
     * The growth of the agent's resident memory that counts as a leak. Its heap may grow from 8 to 32 MiB
     * (lib/jvm.options) and Netty keeps a pool of buffers: both are bounded, and a leak per request is not.
     */
    private static final long LEAK_KIB = 48 * 1024;

    @Test
    void answersEveryBadRequestFromConcurrentClientsWithItsCodeWithinABoundOfItsMemory(Scenario scenario)
            throws Exception {
        ControlPlaneAgent control = ControlPlaneAgent.start(scenario);
        long pid = control.agent.pid();
        List<BadRequests.Case> round = new ArrayList<>(BadRequests.all());
        round.add(new BadRequests.Case("GET /v3/ping HTTP/1.1\r\nHost: x\r\n\r\n", 200));
        round.add(new BadRequests.Case("GET /v3/status HTTP/1.1\r\nHost: x\r\n\r\n", 200));
        int rounds = (REQUESTS + 2 * round.size() - 1) / (2 * round.size());
        long before = Figures.residentKib(pid);
        long started = System.nanoTime();

        Queue<String> wrong = new ConcurrentLinkedQueue<>();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        long warm = send(control, round, 1, wrong, statuses);
        send(control, round, rounds - 1, wrong, statuses);
        long after = Figures.residentKib(pid);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        int tried = 2 * round.size() * rounds;
        FaultRuns.report("control-requests", "tried %d (%d kinds, each also half-closed, %d rounds, %d clients at"
                + " once), wrong %d, answers by status %s, resident memory before %s, after the first round %s, after"
                + " all %s, in %d s", tried, round.size(), rounds, CLIENTS, wrong.size(), new TreeMap<>(statuses),
                Figures.mib(before), Figures.mib(warm), Figures.mib(after), took.toSeconds());
        assertThat(wrong).as("answers not as expected, of %d", tried).isEmpty();
        assertThat(control.answersPing()).as("still answering").isTrue();
        assertThat(after - before).as("resident memory growth, KiB").isLessThan(LEAK_KIB);
        assertThat(control.agent.stdout() + control.agent.stderr()).as("the agent's log")
                .doesNotContain("Exception", "\tat ", "OutOfMemoryError");
        control.agent.signal(Signal.TERM);
        assertThat(control.agent.awaitExit(BOUND)).as(control.agent::logTail).isEqualTo(143);
    }

    /** Sends every request of {@code round}, whole then half-closed, {@code times} over; returns the memory after. */
    private static long send(ControlPlaneAgent control, List<BadRequests.Case> round, int times, Queue<String> wrong,
            Map<Integer, AtomicInteger> statuses) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < times; i++) {
                for (boolean halfClose : new boolean[] {false, true}) {
                    for (BadRequests.Case request : round) {
                        sent.add(clients.submit(() -> {
                            RawHttp.Answer answer = RawHttp.exchange(control.socket, request.request(), halfClose,
                                    BOUND);
                            statuses.computeIfAbsent(answer.status(), s -> new AtomicInteger()).incrementAndGet();
                            request.wrongAnswer(answer, halfClose).ifPresent(wrong::add);
                        }));
                    }
                }
            }
            for (Future<?> request : sent) {
                request.get();
            }
        } finally {
            clients.shutdownNow();
        }
        return Figures.residentKib(control.agent.pid());
    }
}
