/** Watches: Consul services (and, later, keys) the agent follows, publishing an event when they change. */
package io.autopilot.watches;
