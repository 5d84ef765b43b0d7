package io.autopilot.discovery.consul;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * A short answer kept whole as text: {@code true} or {@code false} from a KV write, a session's {@code {"ID": …}}.
 * Anything longer than {@link #LIMIT} is not what was asked for.
 */
final class TextAnswer implements AnswerDecoder<String> {
    static final int LIMIT = 4096;
    private final Buffer text = Buffer.buffer();

    @Override
    public void feed(Buffer piece) {
        if (text.length() + piece.length() > LIMIT) {
            throw new UnusableAnswer("the answer is longer than " + LIMIT + " bytes");
        }
        text.appendBuffer(piece);
    }

    @Override
    public String finish() {
        return text.toString(StandardCharsets.UTF_8).strip();
    }
}
