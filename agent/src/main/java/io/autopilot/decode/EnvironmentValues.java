package io.autopilot.decode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text the environment put into one file (what a template's actions printed, what HOCON's {@code ${NAME}}
 * substituted), and the hiding of it in every error about the file: an error goes to the console, the log and control
 * clients, and the environment holds tokens and passwords. A hidden value reads {@value #HIDDEN}.
 *
 * <p>A value of {@value #HIDDEN_ANYWHERE_FROM} characters or more is hidden wherever it appears. A shorter one, and
 * the parts of a value (its words, and the runs of letters and digits that a message may quote alone: the port of an
 * address, the user of a URL), are hidden only in errors about the line it was put on: anywhere else they could not
 * be told apart from the words and numbers of the message itself ({@code "true"}, {@code 1}, the {@code consul} of a
 * command), and so short a value is no secret. One character is never hidden. Messages may quote a value escaped, so
 * its escaped form is hidden as well. A parser must not quote part of a printed value: the configuration's parsers
 * quote what their {@code RenderedSource} shows.
 */
public final class EnvironmentValues {
    public static final String HIDDEN = "<from the environment>";
    public static final int HIDDEN_ANYWHERE_FROM = 6;
    private static final int SHORTEST_HIDDEN = 2;
    private static final Pattern WORDS = Pattern.compile("\\s+");
    private static final Pattern TOKEN_SEPARATORS = Pattern.compile("[^\\p{Alnum}]+");

    /** A value put on {@code line} of the file; 0 when the line is not known, which counts as every line. */
    private record Inserted(String text, int line) {
    }

    private final String file;
    private final List<Inserted> inserted = new ArrayList<>();

    /** @param file the configuration file's name, as origins give it */
    public EnvironmentValues(String file) {
        this.file = file;
    }

    /** Notes {@code value}, put into the file on source {@code line} (0: unknown). */
    public void add(String value, int line) {
        inserted.add(new Inserted(value, line));
    }

    /**
     * Every variable of {@code environment}, as if put on {@code line}: a template that failed may have been working
     * on any of them when it did.
     */
    public void addAll(Map<String, String> environment, int line) {
        environment.values().forEach(value -> add(value, line));
    }

    public Problem hide(Problem problem) {
        return new Problem(hide(problem.path(), problem.origin()), hide(problem.message(), problem.origin()),
                problem.origin());
    }

    public List<Problem> hide(List<Problem> problems) {
        return problems.stream().map(this::hide).toList();
    }

    /** {@code text}, about {@code origin}, with every value from the environment that it shows replaced. */
    public String hide(String text, Origin origin) {
        Set<String> anywhere = new LinkedHashSet<>();
        Set<String> tokens = new LinkedHashSet<>();
        for (Inserted value : inserted) {
            boolean sameLine = value.line() == 0 || origin.file().equals(file) && origin.line() == value.line();
            String whole = value.text().strip();
            if (whole.equals(file)) {
                continue; // CONTAINERPILOT names the file, which every error names anyway
            }
            for (String form : List.of(whole, escaped(whole))) {
                if (fits(form, text)
                        && (form.length() >= HIDDEN_ANYWHERE_FROM || sameLine && form.length() >= SHORTEST_HIDDEN)) {
                    anywhere.add(form);
                }
            }
            if (sameLine) {
                parts(whole, WORDS, text).forEach(word -> anywhere.addAll(List.of(word, escaped(word))));
                tokens.addAll(parts(whole, TOKEN_SEPARATORS, text));
            }
        }
        tokens.removeAll(anywhere);
        if (anywhere.isEmpty() && tokens.isEmpty()) {
            return text;
        }
        // One pass, longest first, so a value within a longer one goes with it; a marker already there (an excerpt
        // shows one for each printed value) is matched first and stays as it is. A token of a value (the port of an
        // address) is hidden only where it stands alone, not inside a longer word of the message.
        record Alternative(String text, String regex) {
        }
        List<Alternative> alternatives = new ArrayList<>();
        anywhere.forEach(form -> alternatives.add(new Alternative(form, Pattern.quote(form))));
        tokens.forEach(token -> alternatives.add(new Alternative(token,
                "(?<![\\p{Alnum}])" + Pattern.quote(token) + "(?![\\p{Alnum}])")));
        alternatives.sort(Comparator.comparingInt((Alternative a) -> a.text().length()).reversed());
        String regex = Pattern.quote(HIDDEN) + "|" + String.join("|", alternatives.stream()
                .map(Alternative::regex).toList());
        return Pattern.compile(regex).matcher(text).replaceAll(Matcher.quoteReplacement(HIDDEN));
    }

    /**
     * Whether {@code part} can be in {@code text} at all: a value longer than the message (a megabyte of it in a
     * variable) is left out before it costs a pattern.
     */
    private static boolean fits(String part, String text) {
        return part.length() <= text.length();
    }

    /**
     * The parts of {@code value} between {@code separators} that could be hidden in {@code text}; only those are
     * copied out of the value.
     */
    private static List<String> parts(String value, Pattern separators, String text) {
        List<String> parts = new ArrayList<>();
        Matcher separator = separators.matcher(value);
        int start = 0;
        while (start <= value.length()) {
            int end = separator.find(start) ? separator.start() : value.length();
            int length = end - start;
            if (length >= SHORTEST_HIDDEN && length <= text.length()) {
                parts.add(value.substring(start, end));
            }
            start = end < value.length() ? separator.end() : value.length() + 1;
        }
        return parts;
    }

    /** As a message quotes text in JSON's or Go's way. */
    private static String escaped(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
