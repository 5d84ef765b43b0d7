package io.autopilot.core;

import io.vertx.core.json.jackson.JacksonCodec;
import io.vertx.core.spi.JsonFactory;
import io.vertx.core.spi.json.JsonCodec;

/**
 * Vert.x's JSON codec over jackson-core alone, the one Vert.x itself falls back to, named through
 * {@code META-INF/services/io.vertx.core.spi.JsonFactory}. Left to choose, Vert.x first tries its codec over
 * jackson-databind, which the agent does not ship: that class then fails to load at every start, and can be in no AOT
 * cache.
 */
public final class JacksonCoreJson implements JsonFactory {
    private static final JsonCodec CODEC = new JacksonCodec();

    @Override
    public JsonCodec codec() {
        return CODEC;
    }
}
