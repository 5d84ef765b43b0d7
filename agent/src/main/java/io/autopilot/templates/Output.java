package io.autopilot.templates;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rendered text, and for each of its lines the source line that produced the line's first character. Text copied
 * from the template moves through the source line by line; everything an action prints maps to the action's line,
 * and is noted as {@link Rendered.Printed}.
 */
final class Output {
    private final StringBuilder text = new StringBuilder();
    private final List<Rendered.Printed> printed = new ArrayList<>();
    private int[] lines = new int[64];
    private int lineCount;
    private boolean lineStarted;
    private int nextSourceLine = 1;

    /** Characters written so far. */
    int length() {
        return text.length();
    }

    /** Text copied from the template, starting at {@code sourceLine}. */
    void text(String chunk, int sourceLine) {
        write(chunk, sourceLine, true);
    }

    /** What an action printed; all of it maps to the action's line. */
    void value(String chunk, int sourceLine) {
        if (!chunk.isEmpty()) {
            printed.add(new Rendered.Printed(text.length(), text.length() + chunk.length(), sourceLine));
        }
        write(chunk, sourceLine, false);
    }

    private void write(String chunk, int sourceLine, boolean followsSource) {
        int start = 0;
        while (start < chunk.length()) {
            if (!lineStarted) {
                record(sourceLine);
                lineStarted = true;
            }
            int newline = chunk.indexOf('\n', start);
            int end = newline < 0 ? chunk.length() : newline + 1;
            text.append(chunk, start, end);
            if (newline >= 0) {
                lineStarted = false;
                sourceLine += followsSource ? 1 : 0;
                nextSourceLine = sourceLine;
            }
            start = end;
        }
    }

    private void record(int sourceLine) {
        if (lineCount == lines.length) {
            lines = Arrays.copyOf(lines, lineCount * 2);
        }
        lines[lineCount++] = sourceLine;
    }

    /** The text and its line map; an empty last line maps to where the source went on after the last newline. */
    Rendered finish() {
        if (!lineStarted) {
            record(nextSourceLine);
        }
        return new Rendered(text.toString(), Arrays.copyOf(lines, lineCount), printed);
    }
}
