/**
 * Last-known-good discovery data: the answers from Consul that a template rendered or a watch published last, kept
 * in a small file per template and watch ({@link io.autopilot.saved.SavedAnswers}), so that an agent started while
 * Consul is unreachable renders and publishes from them instead of holding its jobs back, and says so.
 */
package io.autopilot.saved;
