/**
 * The hub every part of the agent talks through: event kinds and, as supervision grows, the typed events and the bus
 * that carries them. It imports nothing else of ours, so any package may depend on it and none of them on each other.
 */
package io.autopilot.events;
