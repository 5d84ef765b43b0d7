/**
 * The hub every part of the agent talks through: the typed events, their kinds as ContainerPilot names them, and the
 * bus that carries them. It imports nothing else of ours, so any package may depend on it and none of them on each
 * other.
 */
package io.autopilot.events;
