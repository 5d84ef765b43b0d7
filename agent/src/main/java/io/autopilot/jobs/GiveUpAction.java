package io.autopilot.jobs;

import io.autopilot.decode.Fields;
import java.util.Locale;

/**
 * What happens when a job gives up ({@code onGiveUp}): its last run failed and it has no restart left. Either the
 * job just stays down ({@code continue}, ContainerPilot's only behaviour) or it asks the agent to stop, so the
 * container exits and its orchestrator can act ({@code stop}; supervisord's FATAL with an exit, s6's
 * {@code finish} halting the container).
 */
public enum GiveUpAction {
    CONTINUE, STOP;

    static GiveUpAction decode(Fields fields, String key) {
        return fields.string(key).map(text -> switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "continue" -> CONTINUE;
            case "stop" -> STOP;
            default -> {
                fields.problem(key, "must be \"continue\" or \"stop\", not \"" + text + "\"");
                yield CONTINUE;
            }
        }).orElse(CONTINUE);
    }
}
