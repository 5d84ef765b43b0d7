package io.autopilot.core;

import java.util.List;
import java.util.stream.Stream;

/** Makes the agent's components from its services; {@link Init} builds one from the configuration. */
@FunctionalInterface
public interface ComponentFactory {
    ComponentFactory NONE = services -> List.of();

    List<Component> create(AgentServices services);

    /** Every component of each factory, in order. */
    static ComponentFactory all(ComponentFactory... factories) {
        return services -> Stream.of(factories).flatMap(factory -> factory.create(services).stream()).toList();
    }
}
