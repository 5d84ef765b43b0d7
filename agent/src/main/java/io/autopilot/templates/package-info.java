/**
 * A Go {@code text/template} engine, faithful to Go's semantics, for rendering the agent's config file over the
 * environment exactly as ContainerPilot does, and later application files from Consul data. A {@code Lexer} splits
 * the text, the {@code Parser} builds a tree of {@code Node}s (statements) and {@code Expr}s (pipelines), and an
 * {@code Execution} walks it, printing values as Go's {@code fmt} would. Callers use
 * {@link io.autopilot.templates.Template} with a {@link io.autopilot.templates.Functions} table (Go's built-ins,
 * ContainerPilot's additions, and their own), get a {@link io.autopilot.templates.Rendered} text with a map back to
 * source lines and a note of what each action printed, and see every failure as a {@link io.autopilot.templates.TemplateException} that names line and column.
 * This package imports nothing else of ours.
 */
package io.autopilot.templates;
