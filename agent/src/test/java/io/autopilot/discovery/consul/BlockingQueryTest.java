package io.autopilot.discovery.consul;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The index rules of blocking queries. */
class BlockingQueryTest {
    @Test
    void theReturnedIndexIsTheNextOneToWaitOn() {
        assertThat(BlockingQuery.nextIndex(10, 12)).isEqualTo(12);
        assertThat(BlockingQuery.nextIndex(10, 10)).isEqualTo(10);
    }

    @Test
    void anIndexThatGoesBackwardsIsResetSoTheNextQueryFetchesAfresh() {
        assertThat(BlockingQuery.nextIndex(10, 3)).isZero();
    }

    @Test
    void anIndexOfZeroIsTakenAsOneBecauseIndexZeroNeverBlocks() {
        assertThat(BlockingQuery.nextIndex(0, 0)).isEqualTo(1);
    }
}
