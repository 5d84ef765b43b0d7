/**
 * Registration of the agent's services in the catalog: one {@link io.autopilot.services.Registration} actor per job
 * with a {@code port}, driven by that job's events on the bus (it never calls a job, and jobs never know it), and
 * {@link io.autopilot.services.Registrations}, which holds them and turns the agent's maintenance mode and Consul's
 * reachability into calls and states. Readers on other threads see immutable
 * {@link io.autopilot.services.RegistrationSnapshot}s.
 */
package io.autopilot.services;
