package io.autopilot.logging;

/**
 * {@code format: "default"}: {@code <RFC3339Nano time>[ <job>][ <pid>] <message>}, no level. ContainerPilot 3.8's
 * {@code DefaultLogFormatter} printed only the time and the message, so the lines of several jobs interleaved on one
 * stream could not be told apart; here a child's line also names its job (or {@code check.<job>}) and pid, the only
 * fields it carries. Other fields stay out, as before. The message is written as given, embedded newlines included,
 * as Go's {@code log.Println} did.
 */
record DefaultFormat() implements EntryFormat {

    @Override
    public void render(Entry entry, StringBuilder out) {
        GoTime.rfc3339Nano(out, entry.time());
        String source = entry.fields().getOrDefault("job", entry.fields().get("check"));
        if (source != null) {
            out.append(' ').append(source);
        }
        String pid = entry.fields().get("pid");
        if (pid != null) {
            out.append(' ').append(pid);
        }
        out.append(' ').append(entry.message()).append('\n');
    }
}
