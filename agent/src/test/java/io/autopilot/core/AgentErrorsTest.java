package io.autopilot.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.testing.RecordingLog;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What is reported is logged and counted; what is fatal stops the agent once, and halts it if the stop fails. */
class AgentErrorsTest {
    private final RecordingLog log = new RecordingLog();
    private final List<String> stops = new CopyOnWriteArrayList<>();
    private final AtomicInteger halts = new AtomicInteger();
    private final AgentErrors errors = new AgentErrors(log, stops::add, halts::incrementAndGet);

    @Test
    void aReportIsLoggedWithWhereItWasThrownAndCountedByPart() {
        errors.report("watch.db", new IllegalStateException("first"));
        errors.report("watch.db", new IllegalStateException("second"));
        errors.report("reaper", new AssertionError("third"));

        String here = "(at io.autopilot.core.AgentErrorsTest.aReportIsLoggedWithWhereItWasThrownAndCountedByPart(";
        assertThat(log.messages.getFirst()).startsWith("internal error in watch.db: java.lang.IllegalStateException:"
                + " first " + here);
        assertThat(errors.countsByPart()).isEqualTo(Map.of("watch.db", 2L, "reaper", 1L));
        List<JsonObject> status = errors.status().entries().stream().map(JsonObject.class::cast).toList();
        assertThat(status).extracting(entry -> entry.getString("part") + " " + entry.getLong("count"))
                .containsExactly("reaper 1", "watch.db 2");
        assertThat(status.get(1).getString("last")).startsWith("java.lang.IllegalStateException: second " + here);
        assertThat(stops).isEmpty();
        assertThat(halts).hasValue(0);
    }

    @Test
    void aVirtualMachineErrorStopsTheAgentWhicheverWayItIsReported() {
        errors.report("event loop", new OutOfMemoryError("Java heap space"));

        assertThat(stops).containsExactly("fatal error in event loop: java.lang.OutOfMemoryError: Java heap space");
        assertThat(log.messages).singleElement().asString().startsWith("fatal error in event loop, stopping the agent:"
                + " java.lang.OutOfMemoryError: Java heap space (at io.autopilot.core.AgentErrorsTest.");
        assertThat(errors.countsByPart()).isEqualTo(Map.of("event loop", 1L));
        assertThat(halts).hasValue(0);
    }

    @Test
    void theSameFatalErrorReportedTwiceStopsOnceAndADifferentOneWhileStoppingHalts() {
        OutOfMemoryError error = new OutOfMemoryError("Java heap space");
        errors.fatal("template.nginx", error);
        errors.report("event loop", error);
        assertThat(stops).hasSize(1);
        assertThat(halts).hasValue(0);

        errors.fatal("reaper", new IllegalStateException("loop ended"));

        assertThat(stops).hasSize(1);
        assertThat(halts).hasValue(1);
        assertThat(log.messages).last().asString().startsWith("another fatal error while stopping, in reaper,"
                + " halting: java.lang.IllegalStateException: loop ended (at ");
    }

    @Test
    void aThreadWithoutAHandlerOfItsOwnIsReportedUnderItsNameWithoutNumbers() throws Exception {
        Thread thread = Thread.ofPlatform().name("autopilot-spawn-42").uncaughtExceptionHandler(
                errors.forAnyThread()).start(() -> {
                    throw new IllegalStateException("spawn thread died");
                });
        thread.join();

        assertThat(errors.countsByPart()).isEqualTo(Map.of("thread autopilot-spawn", 1L));
    }
}
