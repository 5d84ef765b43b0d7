package io.autopilot.watches;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.autopilot.discovery.KeyValue;
import io.autopilot.discovery.ServiceInstance;
import java.io.IOException;
import java.io.Serial;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a watch hands to the jobs it triggers, as JSON arrays, with the field names of Consul's own API so scripts
 * written against {@code /v1/health/service} read it alike: {@code [{"ID","Node","Address","Port","Tags","Meta"}]}
 * for services, {@code [{"Key","Value"}]} (the value as text) for keys.
 *
 * <p>Written as a stream that stops at a size limit: a service of thousands of instances would otherwise become a
 * tree and a text of megabytes on every change, only to be dropped as too long for the environment.
 */
final class WatchJson {
    private static final JsonFactory JSON = new JsonFactory();

    private WatchJson() {
    }

    /** The entries as JSON, or empty when that takes more than {@code limit} bytes of UTF-8. */
    static Optional<String> encode(List<?> entries, int limit) {
        var out = new BoundedWriter(limit);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartArray();
            for (Object entry : entries) {
                write(json, entry);
            }
            json.writeEndArray();
        } catch (BoundedWriter.LimitReached e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(out.text());
    }

    private static void write(JsonGenerator json, Object entry) throws IOException {
        json.writeStartObject();
        switch (entry) {
            case ServiceInstance instance -> {
                json.writeStringField("ID", instance.id());
                json.writeStringField("Node", instance.node());
                json.writeStringField("Address", instance.address());
                json.writeNumberField("Port", instance.port());
                json.writeArrayFieldStart("Tags");
                for (String tag : instance.tags()) {
                    json.writeString(tag);
                }
                json.writeEndArray();
                json.writeObjectFieldStart("Meta");
                for (Map.Entry<String, String> meta : new TreeMap<>(instance.meta()).entrySet()) {
                    json.writeStringField(meta.getKey(), meta.getValue());
                }
                json.writeEndObject();
            }
            case KeyValue value -> {
                json.writeStringField("Key", value.key());
                json.writeStringField("Value", value.value());
            }
            default -> throw new IllegalArgumentException("not a watch entry: " + entry.getClass());
        }
        json.writeEndObject();
    }

    /** Collects text up to a number of UTF-8 bytes, and fails the write that goes beyond. */
    private static final class BoundedWriter extends Writer {
        private final StringBuilder text = new StringBuilder();
        private final int limit;
        private int bytes;

        BoundedWriter(int limit) {
            this.limit = limit;
        }

        /** Thrown through the generator, which passes {@link IOException}s on. */
        static final class LimitReached extends IOException {
            @Serial
            private static final long serialVersionUID = 1L;

            LimitReached() {
                super("beyond the limit");
            }
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            for (int i = offset; i < offset + length; i++) {
                char c = chars[i];
                // A surrogate pair is four bytes: two for each half.
                bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
            }
            if (bytes > limit) {
                throw new LimitReached();
            }
            text.append(chars, offset, length);
        }

        String text() {
            return text.toString();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
