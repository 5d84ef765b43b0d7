package io.autopilot.fuzz;

import io.autopilot.fuzz.Seeds.Seed;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Mutates a configuration file as careless edits, bad merges and hostile input would: spans deleted, duplicated or
 * truncated, lines swapped, tokens of JSON5, HOCON and the template language inserted (including the functions and
 * values that reach the agent's limits), deep runs of brackets, long values, bytes that are not UTF-8, and the same
 * text read as HOCON. Deterministic for a given {@link Random}, so a variant can be made again from its seed.
 */
final class ConfigMutator {
    /** A mutated file: its name (the extension chooses the parser), its bytes, and how it was made. */
    record Variant(String name, byte[] bytes, String description) {
    }

    private static final List<String> TOKENS = List.of(
            "{", "}", "[", "]", ":", ",", "\"", "'", "/*", "*/", "//", "#", "\\", "\n", "\r", "\t", "\u0000",
            "=", "+=", ".", "${", "${?", "\"\"\"", "include \"x.conf\"", "null", "true", "false", "Infinity", "NaN",
            "-0", "0x1F", "1e400", "99999999999999999999", "-1", ".5", "5s", "-1s", "999999h", "1ms", "0",
            "\"é\"", "\u2028", "\uFEFF", "\uD83D\uDE00",
            "jobs", "name", "exec", "when", "source", "once", "each", "interval", "health", "port", "consul",
            "watches", "templates", "telemetry", "control", "logging", "stopTimeout", "restarts", "reloadOn",
            "timeout", "ttl", "tags", "interfaces", "contents", "destination", "socket", "metrics",
            "{{", "}}", "{{-", "-}}", "{{ .CONSUL }}", "{{ .X | default \"y\" }}", "{{ env \"HOME\" }}",
            "{{ if .A }}", "{{ else }}", "{{ end }}", "{{ range loop 5 }}", "{{ range loop 100000 }}",
            "{{ range loop 100000000 }}", "{{ range $i := loop 100000 }}{{ range loop 100000 }}{{ end }}{{ end }}",
            "{{ printf \"%0999999999d\" 1 }}", "{{ printf \"%*d\" 99999999 1 }}", "{{ printf \"%.*f\" -1 2.5 }}",
            "{{ replaceAll \"\" \"xy\" (printf \"%900000s\" \"\") }}", "{{ split \",\" \"a,b\" }}",
            "{{ join \",\" (loop 3) }}", "{{ regexReplaceAll \"((a+)*)+b\" \"x\" \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\" }}",
            "{{ template \"t\" }}", "{{ define \"t\" }}{{ template \"t\" }}{{ end }}", "{{/* c */}}", "{{ $x := 1 }}",
            "{{ index .X 1 }}", "{{ len 1 }}", "{{ (((1))) }}", "{{ nil }}", "{{ call .X }}", "{{ . }}");

    private static final List<String> DEEP = List.of("[", "{", "{ a: ", "{{ (", "{{ if 1 }}", "a {", "a.", "${a}",
            "(", "\"", "\\", "{{", "[{", "\n");

    private final Random random;

    ConfigMutator(Random random) {
        this.random = random;
    }

    /** One to four mutations of {@code seed}. */
    Variant mutate(Seed seed) {
        String name = seed.name();
        byte[] bytes = seed.bytes();
        List<String> made = new ArrayList<>();
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            int kind = random.nextInt(12);
            if (kind == 11) {
                name = name.replaceFirst("\\.json5?$", "") + ".conf";
                made.add("read as HOCON");
                continue;
            }
            int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length + 1);
            int span = Math.min(1 + random.nextInt(32), bytes.length - Math.min(at, bytes.length));
            bytes = switch (kind) {
                case 0 -> {
                    made.add("delete " + span + " at " + at);
                    yield splice(bytes, at, span, new byte[0]);
                }
                case 1 -> {
                    made.add("duplicate " + span + " at " + at);
                    yield splice(bytes, at, 0, Arrays.copyOfRange(bytes, at, at + span));
                }
                case 2, 3, 4 -> {
                    String token = TOKENS.get(random.nextInt(TOKENS.size()));
                    made.add("insert " + shown(token) + " at " + at);
                    yield splice(bytes, at, 0, token.getBytes(StandardCharsets.UTF_8));
                }
                case 5 -> {
                    String token = DEEP.get(random.nextInt(DEEP.size()));
                    int times = 10 + random.nextInt(20_000);
                    made.add("insert " + shown(token) + " x" + times + " at " + at);
                    yield splice(bytes, at, 0, token.repeat(times).getBytes(StandardCharsets.UTF_8));
                }
                case 6 -> {
                    made.add("truncate at " + at);
                    yield Arrays.copyOf(bytes, at);
                }
                case 7 -> {
                    int value = random.nextInt(256);
                    made.add(String.format("byte 0x%02X at %d", value, at));
                    yield splice(bytes, at, Math.min(1, span), new byte[] {(byte) value});
                }
                case 8 -> {
                    int length = 1 + random.nextInt(random.nextBoolean() ? 100 : 100_000);
                    made.add("value of " + length + " at " + at);
                    yield splice(bytes, at, 0, ("\"" + "x".repeat(length) + "\"").getBytes(StandardCharsets.UTF_8));
                }
                case 9 -> {
                    made.add("swap lines");
                    yield swapLines(bytes);
                }
                default -> {
                    made.add("replace " + span + " at " + at + " with a token");
                    yield splice(bytes, at, span, TOKENS.get(random.nextInt(TOKENS.size()))
                            .getBytes(StandardCharsets.UTF_8));
                }
            };
        }
        return new Variant(name, bytes, seed.name() + ": " + String.join("; ", made));
    }

    private static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
        at = Math.min(at, bytes.length);
        remove = Math.min(remove, bytes.length - at);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + insert.length);
        out.write(bytes, 0, at);
        out.writeBytes(insert);
        out.write(bytes, at + remove, bytes.length - at - remove);
        return out.toByteArray();
    }

    private byte[] swapLines(byte[] bytes) {
        List<String> lines = new ArrayList<>(Arrays.asList(new String(bytes, StandardCharsets.ISO_8859_1)
                .split("\n", -1)));
        if (lines.size() > 1) {
            int a = random.nextInt(lines.size());
            int b = random.nextInt(lines.size());
            String line = lines.get(a);
            lines.set(a, lines.get(b));
            lines.set(b, line);
        }
        return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String shown(String token) {
        String text = token.length() > 40 ? token.substring(0, 40) + "..." : token;
        return "'" + text.replace("\n", "\\n").replace("\r", "\\r").replace("\u0000", "\\0") + "'";
    }
}
