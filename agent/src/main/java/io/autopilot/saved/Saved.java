package io.autopilot.saved;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a template or a watch saved: the answers it last acted on, by query ({@link SavedAnswers#serviceQuery},
 * {@link SavedAnswers#keysQuery}), each a list of {@link io.autopilot.discovery.ServiceInstance} or
 * {@link io.autopilot.discovery.KeyValue}.
 *
 * @param savedAt when the answers were saved: how old they are once served
 */
public record Saved(Instant savedAt, Map<String, List<?>> answers) {
    public Saved {
        answers = Map.copyOf(answers);
    }
}
