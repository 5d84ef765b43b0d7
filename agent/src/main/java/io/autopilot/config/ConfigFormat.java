package io.autopilot.config;

import io.autopilot.decode.EnvironmentValues;
import io.autopilot.decode.Node;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * The syntax a config file is parsed in, chosen by the file's extension. ContainerPilot parses every file as JSON5
 * whatever its name, and images in the field name theirs {@code containerpilot.json} while using single quotes and
 * comments; HOCON would read {@code 'x'} silently as the three characters {@code 'x'}. So JSON5 is the choice for
 * {@code .json5}, {@code .json} and any other extension (every JSON file reads the same as JSON5), and only
 * {@code .conf} and {@code .hocon} go to HOCON.
 */
public enum ConfigFormat {
    /** JSON5 by {@link Json5Parser}: {@code .json5}, {@code .json} and anything not listed under HOCON. */
    JSON5,
    /** HOCON by {@link HoconParser}, with {@code ${VAR}} substitutions: {@code .conf} and {@code .hocon}. */
    HOCON;

    /** The format of {@code fileName} (a name or a path), by its extension, ignoring case. */
    public static ConfigFormat of(String fileName) {
        String name = fileName.substring(fileName.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        String extension = dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return switch (extension) {
            case "conf", "hocon" -> HOCON;
            default -> JSON5;
        };
    }

    /**
     * Parses {@code text}, the rendered template of {@code file}, in this format. {@code sourceLine} maps a rendered
     * line to the file's line; {@code environment} serves HOCON's substitutions (JSON5 has none: it sees the
     * environment through the template only).
     *
     * @throws ConfigSyntaxException when the text cannot be parsed
     */
    public Node parse(String text, String file, IntUnaryOperator sourceLine, Map<String, String> environment) {
        return parse(new RenderedSource(text, file, sourceLine), environment, new EnvironmentValues(file));
    }

    /** Parses {@code source}; each value HOCON takes from {@code environment} is noted in {@code values}. */
    Node parse(RenderedSource source, Map<String, String> environment, EnvironmentValues values) {
        return switch (this) {
            case JSON5 -> Json5Parser.parse(source);
            case HOCON -> HoconParser.parse(source, environment, values);
        };
    }
}
