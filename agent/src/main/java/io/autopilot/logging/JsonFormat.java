package io.autopilot.logging;

import java.util.Map;
import java.util.TreeMap;

/**
 * {@code format: "json"}: logrus's {@code JSONFormatter} as ContainerPilot configured it (RFC3339Nano times): one
 * object a line, every key ({@code time}, {@code level}, {@code msg} and the fields) in sorted order because Go's
 * encoder sorts map keys: {@code {"job":"app","level":"info","msg":"hello","pid":12,"time":"…"}}. Values are
 * strings, except {@code pid}: ContainerPilot logged the Go {@code int}, so a decimal {@code pid} stays a JSON
 * number for the parsers that read it as one.
 */
record JsonFormat() implements EntryFormat {

    @Override
    public void render(Entry entry, StringBuilder out) {
        StringBuilder time = new StringBuilder(40);
        GoTime.rfc3339Nano(time, entry.time());
        TreeMap<String, String> all = new TreeMap<>(entry.fields());
        all.put("time", time.toString());
        all.put("level", entry.levelName());
        all.put("msg", entry.message());
        char separator = '{';
        for (Map.Entry<String, String> field : all.entrySet()) {
            out.append(separator);
            JsonString.append(out, field.getKey());
            out.append(':');
            if (field.getKey().equals("pid") && isDecimal(field.getValue())) {
                out.append(field.getValue());
            } else {
                JsonString.append(out, field.getValue());
            }
            separator = ',';
        }
        out.append("}\n");
    }

    private static boolean isDecimal(String value) {
        if (value.isEmpty() || value.length() > 18 || (value.charAt(0) == '0' && value.length() > 1)) {
            return false;
        }
        return value.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
