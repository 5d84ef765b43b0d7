package io.autopilot.discovery.consul;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The entries under a semaphore's prefix ({@code GET /v1/kv/<prefix>/?recurse}): key, value, session, index. */
final class SemaphoreEntries implements JsonArrayReader.EntryReader<List<SemaphoreEntries.Entry>> {
    /** One KV entry; {@code session} empty when no session holds it. */
    record Entry(String key, String value, String session, long modifyIndex) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private String key = "";
    private String value = "";
    private String session = "";
    private long modifyIndex;

    static AnswerDecoder<List<Entry>> decoder(int status) {
        return status == 404 ? AnswerDecoder.ignoringBody(List.of()) : new JsonArrayReader<>(new SemaphoreEntries());
    }

    @Override
    public void value(JsonArrayReader.Value field) {
        if (field.depth() != 1 || field.name(0) == null) {
            return;
        }
        switch (field.name(0)) {
            case "Key" -> key = String.valueOf(field.text());
            case "Session" -> session = field.text() == null ? "" : field.text();
            case "ModifyIndex" -> modifyIndex = parseIndex(field.text());
            case "Value" -> {
                String encoded = field.text();
                try {
                    value = encoded == null ? ""
                            : new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new UnusableAnswer("the value of key " + key + " is not base64");
                }
            }
            default -> {
            }
        }
    }

    private static long parseIndex(String text) {
        try {
            return text == null ? 0 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new UnusableAnswer("a ModifyIndex is not a number: " + text);
        }
    }

    @Override
    public void endOfEntry() {
        entries.add(new Entry(key, value, session, modifyIndex));
        key = "";
        value = "";
        session = "";
        modifyIndex = 0;
    }

    @Override
    public List<Entry> result() {
        return List.copyOf(entries);
    }
}
