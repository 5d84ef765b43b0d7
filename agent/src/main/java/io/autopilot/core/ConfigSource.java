package io.autopilot.core;

import io.autopilot.config.AgentConfig;
import io.autopilot.config.ConfigException;
import io.autopilot.decode.Origin;
import io.autopilot.decode.Problem;
import java.util.List;
import java.util.Map;

/**
 * Where a reload reads the configuration again: the file the agent started from, read, rendered over the agent's
 * environment as it is now (with its {@code -putenv} changes) and validated. {@link Init} makes it from the file and
 * the command after {@code --}; tests write their own.
 */
@FunctionalInterface
public interface ConfigSource {
    /** For an agent started without a configuration file ({@code autopilot -- app}): there is nothing to reload. */
    ConfigSource NONE = environment -> {
        throw new ConfigException(List.of(new Problem("", "the agent was started without a configuration file:"
                + " there is nothing to reload", Origin.UNKNOWN)));
    };

    /**
     * Reads and validates the configuration; blocks (file I/O, template rendering), so the agent calls it off its
     * event loop.
     *
     * @param environment what the template sees, the agent's environment at the time of the reload
     * @throws ConfigException with every problem of the new configuration
     */
    AgentConfig load(Map<String, String> environment) throws ConfigException;
}
