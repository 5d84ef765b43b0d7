package io.autopilot.discovery.consul;

import java.util.OptionalLong;

/**
 * An answer Consul gave with an accepted status, its body already decoded into what is kept.
 *
 * @param index the {@code X-Consul-Index} header; empty when there is none (a proxy that strips it)
 */
record ConsulResponse<T>(int status, T body, OptionalLong index) {
}
