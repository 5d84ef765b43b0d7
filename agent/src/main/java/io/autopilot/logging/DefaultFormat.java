package io.autopilot.logging;

/**
 * {@code format: "default"}: {@code <RFC3339Nano time> <message>}, with neither level nor fields. This is what
 * ContainerPilot 3.8's {@code DefaultLogFormatter} writes ({@code config/logger/logging.go}: it prints
 * {@code time.Now().Format(RFC3339Nano) + " " + entry.Message} and ignores {@code entry.Data}), so a wrapped
 * child's line reads {@code 2018-05-02T10:00:00.5Z hello} without its job name. The message is written as given,
 * embedded newlines included, as Go's {@code log.Println} did.
 */
record DefaultFormat() implements EntryFormat {

    @Override
    public void render(Entry entry, StringBuilder out) {
        GoTime.rfc3339Nano(out, entry.time());
        out.append(' ').append(entry.message()).append('\n');
    }
}
