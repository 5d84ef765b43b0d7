package io.autopilot.logging;

import io.autopilot.logging.LoggingConfig.Format;

/** How an entry becomes one line of text, terminator included: ContainerPilot's three {@code logging.format}s. */
sealed interface EntryFormat permits DefaultFormat, TextFormat, JsonFormat {

    void render(Entry entry, StringBuilder out);

    static EntryFormat of(Format format) {
        return switch (format) {
            case DEFAULT -> new DefaultFormat();
            case TEXT -> new TextFormat();
            case JSON -> new JsonFormat();
        };
    }
}
