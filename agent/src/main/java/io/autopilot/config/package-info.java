/**
 * The configuration pipeline and the composition of the whole configuration. {@link io.autopilot.config.ConfigLoader}
 * reads the file, renders it as a Go template over the environment (as ContainerPilot does), parses the output by the
 * file's extension ({@link io.autopilot.config.ConfigFormat}: JSON5 by our own parser, HOCON through Typesafe
 * Config) into a {@link io.autopilot.decode.Node} tree whose positions point at the lines the user wrote, and decodes
 * it into an {@link io.autopilot.config.AgentConfig}. Each feature package decodes its own block; this package only
 * composes the blocks and checks what crosses them, such as names given twice or event sources that name nothing. A
 * syntax error ends the load at once ({@link io.autopilot.config.ConfigSyntaxException}); decoding problems are all
 * collected and reported together ({@link io.autopilot.config.ConfigException}), with every value the environment put
 * into the file hidden. The client commands find the control socket through
 * {@link io.autopilot.config.ControlSocketScan} first, which reads only the {@code control} block and leaves any shape
 * it cannot read for certain to the loader.
 */
package io.autopilot.config;
