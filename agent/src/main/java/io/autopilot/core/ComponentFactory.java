package io.autopilot.core;

import io.autopilot.config.AgentConfig;
import java.util.List;

/**
 * Makes the agent's components from a configuration; {@link Init} builds one for the real agent. It is called at
 * start and again on every reload: a component must do nothing before {@link Component#start()}, because a reload
 * throws away, unstarted, each new component whose {@link Component#configuration()} equals the running one's.
 */
@FunctionalInterface
public interface ComponentFactory {
    ComponentFactory NONE = (config, services) -> List.of();

    List<Component> create(AgentConfig config, AgentServices services);
}
