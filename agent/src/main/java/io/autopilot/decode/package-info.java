/**
 * The raw configuration tree and the tools that turn it into validated records. A parser (JSON5 or HOCON, in
 * {@code io.autopilot.config}) produces {@link io.autopilot.decode.Node}s that remember where in the user's file each
 * value was written; each feature package decodes its own block through {@link io.autopilot.decode.Fields}, which
 * tracks the key path, rejects unknown keys and collects every {@link io.autopilot.decode.Problem} instead of stopping
 * at the first. {@link io.autopilot.decode.EnvironmentValues} hides what the environment put into a file from every
 * error about it. This package imports nothing else of ours, so every feature package may use it.
 */
package io.autopilot.decode;
