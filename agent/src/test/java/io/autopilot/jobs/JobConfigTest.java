package io.autopilot.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autopilot.events.EventCode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The keys the jobs package adds to ContainerPilot's: several sources, backoff, onGiveUp. */
class JobConfigTest {
    private static final String WATCHES = "consul: 'localhost:8500',"
            + " watches: [{ name: 'db', interval: 1 }, { name: 'cache', interval: 1 }],";

    private static JobConfig job(String json5) {
        return JobFixture.parse("{" + WATCHES + " jobs: [" + json5 + "] }").getFirst();
    }

    private static void rejected(String json5, String message) {
        assertThatThrownBy(() -> job(json5)).hasMessageContaining(message);
    }

    @Test
    void aSingleSourceDecodesAsBefore() {
        assertThat(job("{ name: 'a', when: { source: 'watch.db', once: 'changed' } }").when().trigger())
                .isEqualTo(new Trigger.OnEvent("watch.db", EventCode.CHANGED, false));
    }

    @Test
    void severalSourcesMatchAnyByDefaultOrAllWhenAsked() {
        assertThat(job("{ name: 'a', when: { source: ['watch.db', 'watch.cache'], each: 'changed' } }")
                .when().trigger()).isEqualTo(new Trigger.OnEvent(List.of("watch.db", "watch.cache"),
                        EventCode.CHANGED, true, Trigger.Match.ANY));
        assertThat(job("{ name: 'a', when: { source: ['watch.db', 'watch.cache'], once: 'healthy', match: 'all' } }")
                .when().trigger()).isEqualTo(new Trigger.OnEvent(List.of("watch.db", "watch.cache"),
                        EventCode.HEALTHY, false, Trigger.Match.ALL));
    }

    @Test
    void badSourceListsAreRejected() {
        rejected("{ name: 'a', when: { source: [], once: 'changed' } }", "must name at least one event source");
        rejected("{ name: 'a', when: { source: ['SIGHUP', 'watch.db'] } }", "a signal must be the only source");
        rejected("{ name: 'a', when: { source: ['watch.db', 'watch.dbb'], once: 'changed' } }",
                "\"watch.dbb\" is not an event source");
        rejected("{ name: 'a', when: { source: 'watch.db', once: 'changed', match: 'some' } }",
                "must be \"any\" or \"all\"");
        rejected("{ name: 'a', when: { interval: '1s', match: 'all' } }", "only applies with \"once\" or \"each\"");
    }

    @Test
    void backoffHasDefaultsAndCanBeSet() {
        assertThat(job("{ name: 'a' }").backoff()).isEqualTo(new BackoffConfig(Duration.ofMillis(100),
                Duration.ofSeconds(30), Duration.ofSeconds(60)));
        assertThat(job("{ name: 'a', backoff: { initial: '1s', max: '1m', resetAfter: '5m' } }").backoff())
                .isEqualTo(new BackoffConfig(Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(5)));
        assertThat(job("{ name: 'a', backoff: { initial: '2m' } }").backoff().max())
                .as("an initial delay above the default max raises it").isEqualTo(Duration.ofMinutes(2));
        rejected("{ name: 'a', backoff: { initial: '10s', max: '1s' } }", "must not be shorter than \"initial\"");
        rejected("{ name: 'a', backoff: { inital: '10s' } }", "inital");
    }

    @Test
    void onGiveUpIsContinueOrStop() {
        assertThat(job("{ name: 'a' }").onGiveUp()).isEqualTo(GiveUpAction.CONTINUE);
        assertThat(job("{ name: 'a', onGiveUp: 'Stop' }").onGiveUp()).isEqualTo(GiveUpAction.STOP);
        rejected("{ name: 'a', onGiveUp: 'exit' }", "must be \"continue\" or \"stop\"");
    }
}
