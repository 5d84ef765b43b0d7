package io.autopilot.decode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Splits an {@code exec} string into argv words with shell-like quoting: whitespace separates words; single quotes
 * keep everything literally; double quotes keep everything but {@code \"} and {@code \\}; a backslash outside quotes
 * escapes the next character. Nothing is expanded and no shell runs, so {@code echo 'a b'} passes one argument
 * {@code a b}. ContainerPilot split on single spaces and passed the quotes through ({@code 'a}, {@code b'}); see
 * docs/compatibility.md.
 */
public final class ShellWords {
    /** Words that only mean something to a shell: as bare arguments they are almost surely a mistake. */
    private static final Set<String> SHELL_OPERATORS = Set.of("|", "||", "&&", ";", ">", ">>", "<", "2>", "2>&1", "&");

    private ShellWords() {
    }

    /** @throws IllegalArgumentException with a user-facing message */
    public static List<String> split(String text) {
        return words(text).stream().map(Word::text).toList();
    }

    /**
     * The first bare word that a shell would have treated as an operator, if any. Quoted words do not count: they
     * were quoted on purpose ({@code sh -c 'a | b'} is fine).
     *
     * @throws IllegalArgumentException as {@link #split} does
     */
    public static Optional<String> shellOperator(String text) {
        return words(text).stream().filter(word -> !word.quoted() && SHELL_OPERATORS.contains(word.text()))
                .map(Word::text).findFirst();
    }

    /** One argv word, and whether any part of it was quoted or escaped. */
    private record Word(String text, boolean quoted) {
    }

    private static List<Word> words(String text) {
        List<Word> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean quoted = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(new Word(word.toString(), quoted));
                    word.setLength(0);
                    inWord = false;
                    quoted = false;
                }
                i++;
                continue;
            }
            inWord = true;
            if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated single quote at character " + (i + 1));
                }
                word.append(text, i + 1, end);
                quoted = true;
                i = end + 1;
            } else if (c == '"') {
                i = doubleQuoted(text, i, word);
                quoted = true;
            } else if (c == '\\' && i + 1 < text.length()) {
                word.append(text.charAt(i + 1));
                quoted = true;
                i += 2;
            } else {
                word.append(c);
                i++;
            }
        }
        if (inWord) {
            words.add(new Word(word.toString(), quoted));
        }
        return words;
    }

    private static int doubleQuoted(String text, int start, StringBuilder word) {
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < text.length() && (text.charAt(i + 1) == '"' || text.charAt(i + 1) == '\\')) {
                word.append(text.charAt(i + 1));
                i += 2;
            } else {
                word.append(c);
                i++;
            }
        }
        throw new IllegalArgumentException("unterminated double quote at character " + (start + 1));
    }
}
