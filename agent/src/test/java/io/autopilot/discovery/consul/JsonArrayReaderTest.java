package io.autopilot.discovery.consul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autopilot.discovery.KeyValue;
import io.autopilot.discovery.ServiceInstance;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Answers decoded as they arrive, in pieces of any size, into what is kept, within the limits. */
class JsonArrayReaderTest {
    /** One entry of {@code /v1/health/service/web} as Consul 1.8 writes it, checks and all. */
    private static final String ENTRY = """
            {"Node":{"ID":"","Node":"node-1","Address":"10.1.0.1","Datacenter":"dc1","TaggedAddresses":null,
            "Meta":{"rack":"r0"},"CreateIndex":5009,"ModifyIndex":5009},"Service":{"ID":"web-%d","Service":"web",
            "Tags":["v1","blue"],"Address":"%s","Meta":{"version":"1.2.3","zone":"a"},"Port":8080,
            "Weights":{"Passing":1,"Warning":1},"EnableTagOverride":false,"Proxy":{"MeshGateway":{},"Expose":{}},
            "Connect":{},"CreateIndex":5009,"ModifyIndex":5009},"Checks":[{"Node":"node-1","CheckID":"web-ttl",
            "Name":"ttl","Status":"passing","Notes":"","Output":"ok","ServiceID":"web-1","ServiceName":"web",
            "ServiceTags":["v1","blue"],"Type":"","Definition":{},"CreateIndex":5009,"ModifyIndex":5009}]}""";

    @Test
    void instancesAreReadWhateverTheSizeOfThePiecesTheyArriveIn() {
        String body = "[" + ENTRY.formatted(2, "10.0.0.2") + "," + ENTRY.formatted(1, "") + "]";

        for (int piece : List.of(1, 7, 64, body.length())) {
            assertThat(decode(InstanceEntries.decoder(), body, piece)).containsExactly(
                    new ServiceInstance("web-1", "node-1", "10.1.0.1", 8080, List.of("v1", "blue"),
                            Map.of("version", "1.2.3", "zone", "a")),
                    new ServiceInstance("web-2", "node-1", "10.0.0.2", 8080, List.of("v1", "blue"),
                            Map.of("version", "1.2.3", "zone", "a")));
        }
    }

    @Test
    void keysAreDecodedFromBase64AndAMissingKeyIsNoEntry() {
        String value = Base64.getEncoder().encodeToString("blue".getBytes(StandardCharsets.UTF_8));
        String body = "[{\"LockIndex\":0,\"Key\":\"b\",\"Flags\":0,\"Value\":null},"
                + "{\"LockIndex\":0,\"Key\":\"a\",\"Flags\":0,\"Value\":\"" + value + "\"}]";

        assertThat(decode(KeyValueEntries.decoder(200), body, 5)).containsExactly(new KeyValue("a", "blue"),
                new KeyValue("b", ""));
        assertThat(decode(KeyValueEntries.decoder(404), "not even JSON", 5)).isEmpty();
    }

    @Test
    void anEmptyAnswerIsNoEntry() {
        assertThat(decode(InstanceEntries.decoder(), "", 1)).isEmpty();
        assertThat(decode(InstanceEntries.decoder(), "[]", 1)).isEmpty();
        assertThat(decode(InstanceEntries.decoder(), "null", 1)).isEmpty();
    }

    @Test
    void moreTextThanTheAgentKeepsIsRefusedBeforeItIsAllRead() {
        String entry = "{\"Key\":\"k\",\"Value\":\"%s\"}";
        String tooLong = "A".repeat(JsonArrayReader.MAX_TEXT + 4);

        assertThatThrownBy(() -> decode(KeyValueEntries.decoder(200), "[" + entry.formatted(tooLong), 64 * 1024))
                .isInstanceOf(UnusableAnswer.class).hasMessageContaining("String value length")
                .hasMessageContaining("exceeds the maximum allowed (4194304)");
        String half = Base64.getEncoder().encodeToString("y".repeat(JsonArrayReader.MAX_TEXT / 2)
                .getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> decode(KeyValueEntries.decoder(200), "[" + entry.formatted(half) + ","
                + entry.formatted(half), 64 * 1024))
                .isInstanceOf(UnusableAnswer.class).hasMessageContaining("more than 4194304 characters");
    }

    @Test
    void malformedOrUnexpectedJsonIsAnUnusableAnswer() {
        assertThatThrownBy(() -> decode(InstanceEntries.decoder(), "{\"Node\":{}}", 4))
                .isInstanceOf(UnusableAnswer.class).hasMessageContaining("not a JSON array");
        assertThatThrownBy(() -> decode(InstanceEntries.decoder(), "[1,2]", 4))
                .isInstanceOf(UnusableAnswer.class).hasMessageContaining("not an object");
        assertThatThrownBy(() -> decode(InstanceEntries.decoder(), "[{\"Node\":", 4))
                .isInstanceOf(UnusableAnswer.class).hasMessageContaining("ended inside the array");
        assertThatThrownBy(() -> decode(InstanceEntries.decoder(), "[{]", 4))
                .isInstanceOf(UnusableAnswer.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> decode(InstanceEntries.decoder(), "[] []", 4))
                .isInstanceOf(UnusableAnswer.class).hasMessageContaining("goes on after its array");
        String deep = "[{\"a\":" + "[".repeat(JsonArrayReader.MAX_DEPTH) + "]".repeat(JsonArrayReader.MAX_DEPTH) + "}]";
        assertThatThrownBy(() -> decode(InstanceEntries.decoder(), deep, 16))
                .isInstanceOf(UnusableAnswer.class).hasMessageContaining("deeper than 64");
    }

    private static <T> T decode(AnswerDecoder<T> decoder, String body, int pieceSize) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        for (int start = 0; start < bytes.length; start += pieceSize) {
            decoder.feed(Buffer.buffer().appendBytes(bytes, start, Math.min(pieceSize, bytes.length - start)));
        }
        return decoder.finish();
    }
}
