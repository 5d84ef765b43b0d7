/**
 * Leader election among the agents that share a {@code leader} key: one holds the key's Consul lock at a time, and
 * its jobs learn of it through {@code elected} and {@code deposed} events (the scripted locks of clustered apps'
 * management scripts, done by the agent).
 */
package io.autopilot.leader;
