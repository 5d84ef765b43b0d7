package io.autopilot.core;

import java.util.List;

/** Makes the agent's components from its services; {@link Init} builds one from the configuration. */
@FunctionalInterface
public interface ComponentFactory {
    ComponentFactory NONE = services -> List.of();

    List<Component> create(AgentServices services);
}
