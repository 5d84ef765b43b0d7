package io.autopilot.discovery.consul;

import io.vertx.core.buffer.Buffer;

/**
 * An answer Consul gave with an accepted status.
 *
 * @param index the {@code X-Consul-Index} header, or 0 when there is none
 */
record ConsulResponse(int status, Buffer body, long index) {
}
