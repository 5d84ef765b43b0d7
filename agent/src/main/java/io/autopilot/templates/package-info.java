/**
 * A Go {@code text/template} engine, faithful to Go's semantics, for rendering the agent's config file over the
 * environment exactly as ContainerPilot does, and later application files from Consul data. A {@link
 * io.autopilot.templates.Lexer} splits the text, the {@link io.autopilot.templates.Parser} builds a tree of
 * {@link io.autopilot.templates.Node}s and {@link io.autopilot.templates.Expr}s, and an
 * {@link io.autopilot.templates.Execution} walks it, printing values as Go's {@code fmt} would. Callers use
 * {@link io.autopilot.templates.Template} with a {@link io.autopilot.templates.Functions} table (Go's built-ins,
 * ContainerPilot's additions, and their own), get a {@link io.autopilot.templates.Rendered} text with a map back to
 * source lines, and see every failure as a {@link io.autopilot.templates.TemplateException} that names line and column.
 * This package imports nothing else of ours.
 */
package io.autopilot.templates;
