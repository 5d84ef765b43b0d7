package io.autopilot.templates;

import java.util.Arrays;

/** A template's text and name, turning character offsets into 1-based lines and columns for errors and line maps. */
final class Source {
    private final String name;
    private final String text;
    private final int[] lineStarts;

    Source(String name, String text) {
        this.name = name;
        this.text = text;
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        lineStarts = new int[count];
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lineStarts[line++] = i + 1;
            }
        }
    }

    String name() {
        return name;
    }

    String text() {
        return text;
    }

    int lineOf(int pos) {
        int index = Arrays.binarySearch(lineStarts, pos);
        return index >= 0 ? index + 1 : -index - 1;
    }

    int columnOf(int pos) {
        return pos - lineStarts[lineOf(pos) - 1] + 1;
    }

    TemplateException error(int pos, String reason) {
        return new TemplateException(name, lineOf(pos), columnOf(pos), reason);
    }
}
