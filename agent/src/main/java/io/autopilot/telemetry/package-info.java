/** Telemetry: the Prometheus endpoint and the user metrics it exposes. */
package io.autopilot.telemetry;
