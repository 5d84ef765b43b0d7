package io.autopilot.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SIGTERM to PID 1 (docker stop): jobs stop in ContainerPilot's order, and the agent exits as soon as they are done,
 * within the global {@code stopTimeout} but never by sleeping it out.
 */
@ExtendWith(PidOneScenarios.class)
class ShutdownIT {

    @Test
    void runsPreStopBeforeAndPostStopAfterTheAppOnSigterm(Scenario scenario) {
        PidOneAgent agent = scenario.startWithConfig();
        agent.await("app to run", Duration.ofSeconds(10), () -> scenario.lines("events").contains("app-ready"));

        long sent = System.nanoTime();
        agent.signal(Signal.TERM);
        agent.await("postStop to run", Duration.ofSeconds(10), () -> scenario.lines("events").contains("postStop"));
        long postStopRan = System.nanoTime();
        int code = agent.awaitExit(Duration.ofSeconds(15));
        long exited = System.nanoTime();

        // preStop runs to its end (it sleeps 0.3 s) before app gets SIGTERM; postStop only once app has stopped.
        assertThat(scenario.lines("events")).as(agent::logTail)
                .containsExactly("app-ready", "preStop-begin", "preStop-end", "app-term", "postStop");
        assertThat(agent.stdoutLines()).as("the jobs' output, as ContainerPilot's test_sigterm greps it")
                .anyMatch(line -> line.contains("preStop fired on app stopping"))
                .anyMatch(line -> line.contains("postStop fired on app stopped"));
        assertThat(code).as("every job exited 0").isEqualTo(0);
        assertThat(Duration.ofNanos(exited - sent)).as("from SIGTERM to exit, bounded by stopTimeout 10 s")
                .isLessThan(Duration.ofSeconds(10));
        // ContainerPilot slept the whole stopTimeout after the jobs were done; 2 s allows for a slow JVM exit.
        assertThat(Duration.ofNanos(exited - postStopRan)).as("from postStop's run to the agent's exit")
                .isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void killsAJobThatIgnoresSigtermWhenTheStopTimeoutRunsOut(Scenario scenario) {
        PidOneAgent agent = scenario.startWithConfig();
        agent.await("app to run", Duration.ofSeconds(10), () -> scenario.lines("events").contains("app-ready"));

        long sent = System.nanoTime();
        agent.signal(Signal.TERM);
        agent.await("app to get (and ignore) SIGTERM", Duration.ofSeconds(5),
                () -> scenario.lines("events").contains("app-term-ignored"));
        int code = agent.awaitExit(Duration.ofSeconds(15));
        Duration stopping = Duration.ofNanos(System.nanoTime() - sent);

        assertThat(code).as("app was killed by SIGKILL: 128 + 9").isEqualTo(137);
        // stopTimeout is 2 s: not much sooner (the agent gave app its time), and not much later (3 s for a slow JVM).
        assertThat(stopping).as("from SIGTERM to exit").isBetween(Duration.ofMillis(1800), Duration.ofSeconds(5));
    }
}
