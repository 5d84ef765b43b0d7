package io.autopilot.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    private static final List<String> HEALTH_KEYS = List.of("exec", "interval", "ttl", "timeout", "logging");

    @Test
    void aSwappedLetterSuggestsTheKnownWord() {
        assertThat(Suggestions.nearest("tll", HEALTH_KEYS)).contains("ttl");
        assertThat(Suggestions.nearest("intreval", HEALTH_KEYS)).contains("interval");
    }

    @Test
    void caseDifferencesAreTypos() {
        assertThat(Suggestions.nearest("initialStatus", List.of("initial_status", "interfaces"))).contains(
                "initial_status");
        assertThat(Suggestions.nearest("EXEC", HEALTH_KEYS)).contains("exec");
    }

    @Test
    void anUnrelatedWordSuggestsNothing() {
        assertThat(Suggestions.nearest("restart", HEALTH_KEYS)).isEmpty();
        assertThat(Suggestions.hint("zzz", HEALTH_KEYS)).isEmpty();
    }

    @Test
    void theHintIsReadyToAppend() {
        assertThat(Suggestions.hint("tll", HEALTH_KEYS)).isEqualTo(" (did you mean \"ttl\"?)");
    }
}
