package io.autopilot.core;

import io.autopilot.decode.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * What became of one call of {@link Agent#reload()}. A control-plane handler maps it to its response: {@link Applied}
 * to success, {@link Rejected} to the problems of the new file, {@link Refused} to "not now".
 */
public sealed interface ReloadResult {
    /**
     * The new configuration runs. Job names, each list in configuration order.
     *
     * @param started jobs the new configuration adds
     * @param restarted jobs stopped and made anew: their configuration changed, or they are pre-/post-stop hooks of
     *     a job that was
     * @param stopped jobs the new configuration no longer has
     * @param components components replaced because the part of the configuration they are made from changed
     */
    record Applied(List<String> started, List<String> restarted, List<String> stopped, List<String> components)
            implements ReloadResult {
        public Applied {
            started = List.copyOf(started);
            restarted = List.copyOf(restarted);
            stopped = List.copyOf(stopped);
            components = List.copyOf(components);
        }

        /** Whether the reload found nothing to change. */
        public boolean changedNothing() {
            return started.isEmpty() && restarted.isEmpty() && stopped.isEmpty() && components.isEmpty();
        }

        /**
         * What the reload did, in one line, for the log and for the client that asked for it (which prints it):
         * {@code reloaded: started web; restarted app, drain; components restarted: telemetry}, naming only what
         * happened, or {@code reloaded: nothing changed}.
         */
        public String summary() {
            if (changedNothing()) {
                return "reloaded: nothing changed";
            }
            List<String> parts = new ArrayList<>();
            part(parts, "started ", started);
            part(parts, "restarted ", restarted);
            part(parts, "stopped ", stopped);
            part(parts, "components restarted: ", components);
            return "reloaded: " + String.join("; ", parts);
        }

        private static void part(List<String> parts, String what, List<String> names) {
            if (!names.isEmpty()) {
                parts.add(what + String.join(", ", names));
            }
        }
    }

    /** The new configuration is invalid: nothing changed and the agent runs on with the old one. */
    record Rejected(List<Problem> problems) implements ReloadResult {
        public Rejected {
            problems = List.copyOf(problems);
        }
    }

    /** The agent is shutting down (or began to during the reload): there is nothing to reload into. */
    record Refused(String reason) implements ReloadResult {
    }
}
