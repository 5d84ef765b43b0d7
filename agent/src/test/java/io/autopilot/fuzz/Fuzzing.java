package io.autopilot.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** What every fuzz property checks, and the ways of making text its generators share. */
final class Fuzzing {
    private Fuzzing() {
    }

    /**
     * The run ended within its bound, and anything thrown is the problem report {@code expected}: never a stack
     * overflow, an exhausted heap or an exception nobody meant.
     */
    static void assertEndedWell(Trial trial, Class<? extends Throwable> expected) {
        assertThat(trial.hung()).as("still running after " + Trial.BOUND).isFalse();
        if (trial.thrown() != null) {
            assertThat(trial.thrown()).as("what was thrown").isInstanceOf(expected);
        }
    }

    /** Any run of the tokens, with a few characters of anything between. */
    static Arbitrary<String> soup(List<String> tokens) {
        Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.of(tokens), Arbitraries.strings().ofMaxLength(3));
        return piece.list().ofMaxSize(60).map(pieces -> String.join("", pieces));
    }

    /** {@code text} with a span deleted, duplicated or repeated many times, or cut short. */
    static Arbitrary<String> mutated(String text) {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, text.length());
        Arbitrary<Integer> length = Arbitraries.integers().between(0, Math.min(20, text.length()));
        return Combinators.combine(at, length, Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(1, 5_000)).as((start, span, kind, times) -> {
            int end = Math.min(text.length(), start + span);
            String part = text.substring(start, end);
            return switch (kind) {
                case 0 -> text.substring(0, start) + text.substring(end);
                case 1 -> text.substring(0, end) + part + text.substring(end);
                case 2 -> text.substring(0, start) + part.repeat(times) + text.substring(start);
                default -> text.substring(0, start);
            };
        });
    }
}
