package io.autopilot.discovery.consul;

import io.vertx.core.buffer.Buffer;

/**
 * Turns the body of one answer into what the agent keeps, piece by piece as it arrives, so that no answer is ever
 * held whole. Used on the request's context only, once.
 */
interface AnswerDecoder<T> {
    /**
     * The next piece of the body.
     *
     * @throws UnusableAnswer when the body so far cannot be read, or would keep more than the limits allow
     */
    void feed(Buffer piece);

    /** The body has ended: what it said. */
    T finish();

    /** Ignores the body and gives {@code value}: an answer whose status says everything (a missing key). */
    static <T> AnswerDecoder<T> ignoringBody(T value) {
        return new AnswerDecoder<>() {
            @Override
            public void feed(Buffer piece) {
            }

            @Override
            public T finish() {
                return value;
            }
        };
    }
}
