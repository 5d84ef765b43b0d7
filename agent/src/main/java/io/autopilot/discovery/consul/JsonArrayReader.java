package io.autopilot.discovery.consul;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads a JSON array of objects as it arrives (Jackson's non-blocking parser, fed piece by piece): each value inside
 * an entry goes to an {@link EntryReader} with its place in the entry, which keeps what it needs. Neither the body
 * nor a tree of it is ever held, so the memory an answer costs is what is kept from it, which is bounded:
 *
 * <ul>
 *   <li>at most {@value #MAX_ENTRIES} entries (instances, keys);</li>
 *   <li>at most {@value #MAX_TEXT} characters of kept text (IDs, addresses, tags, meta, keys and values), and no
 *       single string longer than that, kept or not;</li>
 *   <li>nesting at most {@value #MAX_DEPTH} deep, and at most {@value #MAX_DOCUMENT} bytes in all.</li>
 * </ul>
 *
 * An answer beyond them is {@link UnusableAnswer}: the watch reports it and keeps its last result.
 */
final class JsonArrayReader<T> implements AnswerDecoder<T> {
    static final int MAX_ENTRIES = 10_000;
    static final int MAX_TEXT = 4 * 1024 * 1024;
    static final int MAX_DEPTH = 64;
    static final long MAX_DOCUMENT = 256L * 1024 * 1024;

    private static final JsonFactory JSON = JsonFactory.builder()
            // Meta keys come from users: interning them would grow the JVM's string table without bound.
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_TEXT)
                    .maxNestingDepth(MAX_DEPTH + 1).maxDocumentLength(MAX_DOCUMENT).build())
            .build();

    /** Receives the values of each entry, then the entry's end; what it keeps is its result. */
    interface EntryReader<T> {
        /** A value (not an object or array) inside the current entry, at {@code value}'s place. */
        void value(Value value);

        /** The current entry has ended. */
        void endOfEntry();

        T result();
    }

    /** One value and where it is in its entry: the names of the fields leading to it, null for array elements. */
    interface Value {
        /** How many names lead to the value: 1 for a field of the entry itself. */
        int depth();

        /** The {@code i}-th name on the way (from 0), or null where the way goes through an array. */
        String name(int i);

        /** The value as text (a number or boolean as written), null for JSON null; counted as kept. */
        String text();

        /** The value as an int, 0 when it is not a number that fits. */
        int intValue();
    }

    private final JsonParser parser;
    private final ByteArrayFeeder feeder;
    private final EntryReader<T> entries;
    private final String[] names = new String[MAX_DEPTH + 1];
    private final Value value = new CurrentValue();
    private int depth;
    private int count;
    private long keptText;
    private boolean started;
    private boolean ended;

    JsonArrayReader(EntryReader<T> entries) {
        try {
            this.parser = JSON.createNonBlockingByteArrayParser();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
        this.entries = entries;
    }

    @Override
    public void feed(Buffer piece) {
        byte[] bytes = piece.getBytes();
        try {
            feeder.feedInput(bytes, 0, bytes.length);
            drain();
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    @Override
    public T finish() {
        try {
            feeder.endOfInput();
            drain();
            parser.close();
        } catch (IOException e) {
            throw started && !ended ? endedEarly() : unreadable(e);
        }
        if (started && !ended) {
            throw endedEarly();
        }
        return entries.result();
    }

    private static UnusableAnswer endedEarly() {
        return new UnusableAnswer("it ended inside the array");
    }

    private static UnusableAnswer unreadable(IOException e) {
        if (e instanceof StreamConstraintsException beyond) {
            return new UnusableAnswer("it is beyond the agent's limits: "
                    + beyond.getOriginalMessage().replaceAll(",? from `[^`]*`", ""));
        }
        return new UnusableAnswer("it is not JSON: " + (e instanceof JsonProcessingException json
                ? json.getOriginalMessage() : e.getMessage()));
    }

    private void drain() throws IOException {
        for (JsonToken token = parser.nextToken(); token != null && token != JsonToken.NOT_AVAILABLE;
                token = parser.nextToken()) {
            if (ended) {
                throw new UnusableAnswer("it goes on after its array");
            }
            switch (token) {
                case START_ARRAY, START_OBJECT -> open(token);
                case END_ARRAY, END_OBJECT -> close();
                case FIELD_NAME -> names[depth - 1] = parser.currentName();
                default -> scalar(token);
            }
        }
    }

    private void open(JsonToken token) {
        if (depth == 0 && token != JsonToken.START_ARRAY) {
            throw new UnusableAnswer("it is not a JSON array");
        }
        if (depth == 1) {
            if (token != JsonToken.START_OBJECT) {
                throw new UnusableAnswer("an element of its array is not an object");
            }
            if (count == MAX_ENTRIES) {
                throw new UnusableAnswer("it has more than " + MAX_ENTRIES + " entries, the most the agent keeps");
            }
        }
        if (depth == MAX_DEPTH) {
            throw new UnusableAnswer("it nests deeper than " + MAX_DEPTH + " levels");
        }
        started = true;
        names[depth++] = null;
    }

    private void close() {
        depth--;
        if (depth == 1) {
            count++;
            entries.endOfEntry();
        } else if (depth == 0) {
            ended = true;
        }
    }

    private void scalar(JsonToken token) {
        if (depth == 0 && token == JsonToken.VALUE_NULL) {
            started = true;
            ended = true; // Consul writes an empty result as null in some versions: no entries.
            return;
        }
        if (depth < 2) {
            throw new UnusableAnswer(depth == 0 ? "it is not a JSON array" : "an element of its array is not an object");
        }
        entries.value(value);
    }

    private final class CurrentValue implements Value {
        @Override
        public int depth() {
            return depth - 1;
        }

        @Override
        public String name(int i) {
            return names[i + 1];
        }

        @Override
        public String text() {
            try {
                if (parser.currentToken() == JsonToken.VALUE_NULL) {
                    return null;
                }
                String text = parser.getText();
                keptText += text.length();
                if (keptText > MAX_TEXT) {
                    throw new UnusableAnswer("it would keep more than " + MAX_TEXT
                            + " characters of text, the most the agent keeps");
                }
                return text;
            } catch (IOException e) {
                throw unreadable(e);
            }
        }

        @Override
        public int intValue() {
            try {
                return parser.currentToken() == JsonToken.VALUE_NUMBER_INT ? parser.getValueAsInt(0) : 0;
            } catch (IOException e) {
                return 0;
            }
        }
    }
}
