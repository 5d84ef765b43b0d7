package io.autopilot.discovery.consul;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The value of a semaphore's {@code .lock} key, in the form of Consul's own semaphore ({@code consul lock -n}):
 * {@code {"Limit": 2, "Holders": {"<session>": true}}}, so both can share a prefix.
 */
record SemaphoreHolders(int limit, Set<String> holders) {
    private static final JsonFactory JSON = new JsonFactory();

    SemaphoreHolders {
        holders = Set.copyOf(holders);
    }

    /**
     * Decodes the key's value; an empty or unreadable value is no holder (the next write replaces it), a holder
     * whose value is not {@code true} is none either.
     */
    static SemaphoreHolders decode(String value, int fallbackLimit) {
        int limit = fallbackLimit;
        Set<String> holders = new LinkedHashSet<>();
        try (JsonParser parser = JSON.createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return new SemaphoreHolders(fallbackLimit, Set.of());
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String field = parser.currentName();
                JsonToken next = parser.nextToken();
                if (field.equals("Limit") && next == JsonToken.VALUE_NUMBER_INT) {
                    limit = parser.getIntValue();
                } else if (field.equals("Holders") && next == JsonToken.START_OBJECT) {
                    for (JsonToken h = parser.nextToken(); h == JsonToken.FIELD_NAME; h = parser.nextToken()) {
                        String session = parser.currentName();
                        if (parser.nextToken() == JsonToken.VALUE_TRUE) {
                            holders.add(session);
                        }
                        parser.skipChildren();
                    }
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            return new SemaphoreHolders(fallbackLimit, Set.of());
        }
        return new SemaphoreHolders(limit, holders);
    }

    /** Only the holders whose session still holds its contender key: a dead holder's slot is free again. */
    SemaphoreHolders alive(Set<String> liveSessions) {
        return new SemaphoreHolders(limit, holders.stream().filter(liveSessions::contains)
                .collect(Collectors.toCollection(LinkedHashSet::new)));
    }

    SemaphoreHolders with(String session, int newLimit) {
        Set<String> more = new LinkedHashSet<>(holders);
        more.add(session);
        return new SemaphoreHolders(newLimit, more);
    }

    SemaphoreHolders without(String session) {
        Set<String> fewer = new LinkedHashSet<>(holders);
        fewer.remove(session);
        return new SemaphoreHolders(limit, fewer);
    }

    String encode() {
        JsonStringEncoder quote = JsonStringEncoder.getInstance();
        return "{\"Limit\":" + limit + ",\"Holders\":{" + holders.stream()
                .map(h -> "\"" + new String(quote.quoteAsString(h)) + "\":true")
                .collect(Collectors.joining(",")) + "}}";
    }
}
