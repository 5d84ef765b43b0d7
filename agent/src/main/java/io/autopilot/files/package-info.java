/**
 * File templates, the {@code templates} block: files the agent renders from Consul's services and keys and the
 * environment, and keeps current as they change, as consul-template did beside ContainerPilot. Each
 * {@link io.autopilot.files.TemplateConfig} is parsed when the configuration loads (its errors name the template
 * file's line); each running {@link io.autopilot.files.TemplateFile} is an actor on a Vert.x context of its own that
 * follows what its renders read with blocking queries ({@code Dependencies}), waits for changes to settle, and
 * replaces its file atomically, after an optional {@code validate} command, only when the text changed. Jobs meet
 * templates on the bus ({@code template.<name>}: {@code rendered}, {@code renderFailed}); the {@code signal} and
 * {@code restart} shorthands go through {@link io.autopilot.files.JobControl}.
 */
package io.autopilot.files;
