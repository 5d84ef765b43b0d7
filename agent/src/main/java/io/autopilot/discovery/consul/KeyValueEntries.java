package io.autopilot.discovery.consul;

import io.autopilot.discovery.KeyValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * What the agent keeps of {@code GET /v1/kv/<key>[?recurse]}: each entry's key and its value, decoded from base64
 * (empty for a key stored without one), sorted by key.
 */
final class KeyValueEntries implements JsonArrayReader.EntryReader<List<KeyValue>> {
    private final List<KeyValue> entries = new ArrayList<>();
    private String key = "";
    private String value = "";

    /** Decodes one answer; a missing key (404) is no entry, whatever the body says. */
    static AnswerDecoder<List<KeyValue>> decoder(int status) {
        return status == 404 ? AnswerDecoder.ignoringBody(List.of()) : new JsonArrayReader<>(new KeyValueEntries());
    }

    @Override
    public void value(JsonArrayReader.Value field) {
        if (field.depth() != 1 || field.name(0) == null) {
            return;
        }
        if (field.name(0).equals("Key")) {
            key = String.valueOf(field.text());
        } else if (field.name(0).equals("Value")) {
            String encoded = field.text();
            try {
                value = encoded == null ? "" : new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new UnusableAnswer("the value of key " + key + " is not base64");
            }
        }
    }

    @Override
    public void endOfEntry() {
        entries.add(new KeyValue(key, value));
        key = "";
        value = "";
    }

    @Override
    public List<KeyValue> result() {
        entries.sort(Comparator.comparing(KeyValue::key));
        return List.copyOf(entries);
    }
}
