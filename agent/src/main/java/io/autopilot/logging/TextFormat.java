package io.autopilot.logging;

import io.autopilot.templates.GoQuote;
import java.util.Map;

/**
 * {@code format: "text"}: logrus's {@code TextFormatter} without colours:
 * {@code time="2018-05-02T10:00:00Z" level=info msg="hello world" job=app pid=12}. Its details, kept on purpose:
 * the time has whole seconds ({@code time.RFC3339}, logrus's default layout; ContainerPilot set no other); an empty
 * message leaves out {@code msg}; fields follow in key order; keys are written as they are; a value is quoted with
 * Go's {@code %q} only when it holds a character outside {@code [A-Za-z0-9-._/@^+]}, so {@code msg=hello} and
 * {@code job=} (empty) stay bare. logrus switched to a coloured layout when its output was a terminal; this format
 * never does, so what a terminal shows is what a file gets.
 */
record TextFormat() implements EntryFormat {

    @Override
    public void render(Entry entry, StringBuilder out) {
        out.append("time=\"");
        GoTime.rfc3339(out, entry.time());
        out.append("\" level=").append(entry.levelName());
        if (!entry.message().isEmpty()) {
            value(out.append(" msg="), entry.message());
        }
        for (Map.Entry<String, String> field : entry.fields().entrySet()) {
            value(out.append(' ').append(field.getKey()).append('='), field.getValue());
        }
        out.append('\n');
    }

    private static void value(StringBuilder out, String value) {
        if (needsQuoting(value)) {
            out.append(GoQuote.quote(value));
        } else {
            out.append(value);
        }
    }

    static boolean needsQuoting(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean bare = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '/' || c == '@' || c == '^' || c == '+';
            if (!bare) {
                return true;
            }
        }
        return false;
    }
}
