package io.autopilot.templates;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Go (RE2) regular expression run on {@link java.util.regex}, with Go's {@code ReplaceAllString}. The syntax is
 * translated where the two differ: {@code (?P<name>…)} groups (whose names may hold {@code _}, which Java's may not),
 * POSIX classes such as {@code [[:alpha:]]}, and {@code [} or {@code &&} inside a class, which are literals to Go.
 * Replacement templates follow Go's {@code Expand}, not Java's: {@code $name} takes the longest run of letters,
 * digits and {@code _}, so {@code $1x} means the group named {@code 1x} (empty), and {@code ${1}x} is needed for
 * group 1 then {@code x}.
 *
 * <p>Known differences left as they are: without {@code (?m)}, Java's {@code $} also matches before a final newline
 * where Go's matches only at the very end; and Perl features RE2 rejects (back-references, look-around) are accepted.
 */
final class GoRegex {
    /** Go's POSIX classes (ASCII only) and the name of the Java property for the same set. */
    private static final Map<String, String> POSIX_CLASSES = Map.ofEntries(
            Map.entry("alnum", "Alnum"), Map.entry("alpha", "Alpha"), Map.entry("ascii", "ASCII"),
            Map.entry("blank", "Blank"), Map.entry("cntrl", "Cntrl"), Map.entry("digit", "Digit"),
            Map.entry("graph", "Graph"), Map.entry("lower", "Lower"), Map.entry("print", "Print"),
            Map.entry("punct", "Punct"), Map.entry("space", "Space"), Map.entry("upper", "Upper"),
            Map.entry("word", "w"), Map.entry("xdigit", "XDigit"));

    private final Pattern pattern;
    private final Map<String, Integer> groupNames;

    private GoRegex(Pattern pattern, Map<String, Integer> groupNames) {
        this.pattern = pattern;
        this.groupNames = groupNames;
    }

    /** @throws IllegalArgumentException when the expression does not compile */
    static GoRegex compile(String expression) {
        Map<String, Integer> names = new HashMap<>();
        String translated = translate(expression, names);
        try {
            // UNIX_LINES: to Go, only \n ends a line, for '.', '^' and '$' alike.
            return new GoRegex(Pattern.compile(translated, Pattern.UNIX_LINES), Map.copyOf(names));
        } catch (PatternSyntaxException e) {
            if (e.getDescription().startsWith("Stack overflow")) {
                // Java's compiler recurses for each group inside another, and stops when its stack runs out.
                throw new IllegalArgumentException("error parsing regexp: expression nests too deeply", e);
            }
            throw new IllegalArgumentException("error parsing regexp: " + e.getDescription() + ": `" + expression
                    + "`", e);
        }
    }

    /** Named groups become plain groups (numbering is the same); their names are kept for expansion. */
    private static String translate(String expression, Map<String, Integer> names) {
        StringBuilder out = new StringBuilder(expression.length());
        int groups = 0;
        boolean inClass = false;
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (c == '\\' && i + 1 < expression.length()) {
                out.append(c).append(expression.charAt(++i));
            } else if (inClass && expression.startsWith("[:", i)) {
                i = posixClass(expression, i, out);
            } else if (inClass) {
                // Java reads '[' and '&&' inside a class as union and intersection; to Go they are literals.
                out.append(c == '[' || c == '&' ? "\\" + c : String.valueOf(c));
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
                out.append(c);
                if (expression.startsWith("^", i + 1)) {
                    out.append('^');
                    i++;
                }
                if (expression.startsWith("]", i + 1)) {
                    // A ']' first in a class is a literal.
                    out.append("\\]");
                    i++;
                }
            } else if (c == '(' && !expression.startsWith("(?", i)) {
                groups++;
                out.append(c);
            } else if (c == '(' && (expression.startsWith("(?P<", i) || expression.startsWith("(?<", i)
                    && !expression.startsWith("(?<=", i) && !expression.startsWith("(?<!", i))) {
                int start = expression.indexOf('<', i) + 1;
                int end = expression.indexOf('>', start);
                if (end < 0) {
                    throw new IllegalArgumentException("error parsing regexp: invalid named capture: `"
                            + expression.substring(i) + "`");
                }
                names.putIfAbsent(expression.substring(start, end), ++groups);
                out.append('(');
                i = end;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Appends {@code [:alpha:]} (or {@code [:^alpha:]}) as a Java property and returns the index of its last char. */
    private static int posixClass(String expression, int i, StringBuilder out) {
        int close = expression.indexOf(":]", i + 2);
        String name = close < 0 ? "" : expression.substring(i + 2, close);
        boolean negated = name.startsWith("^");
        String property = POSIX_CLASSES.get(negated ? name.substring(1) : name);
        if (property == null) {
            throw new IllegalArgumentException("error parsing regexp: invalid character class range: `"
                    + expression.substring(i, close < 0 ? expression.length() : close + 2) + "`");
        }
        if (property.equals("w")) {
            out.append(negated ? "\\W" : "\\w");
        } else {
            out.append(negated ? "\\P{" : "\\p{").append(property).append('}');
        }
        return close + 1;
    }

    /**
     * Go's {@code ReplaceAllString}: an empty match right after the previous match is not replaced, so
     * {@code a*} over {@code baaac} gives {@code -b-c-} where Java's {@code replaceAll} gives {@code -b--c-}.
     */
    String replaceAll(String input, String template) {
        try {
            return replaceAll(input, new TimedText(input, System.nanoTime() + RenderLimits.MAX_TIME.toNanos()),
                    template);
        } catch (StackOverflowError e) {
            // Java's matcher recurses for each repetition of a group; RE2, which Go uses, never does.
            throw new RenderFailure("regexReplaceAll: the expression repeats a group too many times on this text"
                    + " for the matcher's stack (" + input.length() + " characters); match a shorter text");
        }
    }

    private String replaceAll(String input, TimedText timed, String template) {
        Matcher matcher = pattern.matcher(timed);
        StringBuilder out = new StringBuilder();
        int lastMatchEnd = 0;
        int searchPos = 0;
        while (searchPos <= input.length() && matcher.find(searchPos)) {
            RenderLimits.checkText(out.length(), "regexReplaceAll");
            out.append(input, lastMatchEnd, matcher.start());
            if (matcher.end() > lastMatchEnd || matcher.start() == 0) {
                expand(out, template, matcher);
            }
            lastMatchEnd = matcher.end();
            int width = searchPos < input.length() ? Character.charCount(input.codePointAt(searchPos)) : 1;
            searchPos = searchPos + width > matcher.end() ? searchPos + width : matcher.end();
        }
        return out.append(input, lastMatchEnd, input.length()).toString();
    }

    /** Go's {@code Regexp.Expand}: {@code $$} is a dollar; a malformed reference is copied as written. */
    private void expand(StringBuilder out, String template, Matcher matcher) {
        int i = 0;
        while (i < template.length()) {
            int dollar = template.indexOf('$', i);
            if (dollar < 0) {
                break;
            }
            out.append(template, i, dollar);
            i = dollar + 1;
            if (i < template.length() && template.charAt(i) == '$') {
                out.append('$');
                i++;
                continue;
            }
            boolean brace = i < template.length() && template.charAt(i) == '{';
            int nameStart = brace ? i + 1 : i;
            int nameEnd = nameStart;
            while (nameEnd < template.length() && isNameChar(template.codePointAt(nameEnd))) {
                nameEnd += Character.charCount(template.codePointAt(nameEnd));
            }
            boolean closed = !brace || nameEnd < template.length() && template.charAt(nameEnd) == '}';
            if (nameEnd == nameStart || !closed) {
                out.append('$');
                continue;
            }
            appendGroup(out, template.substring(nameStart, nameEnd), matcher);
            i = brace ? nameEnd + 1 : nameEnd;
        }
        out.append(template, i, template.length());
    }

    private void appendGroup(StringBuilder out, String name, Matcher matcher) {
        Integer group = name.matches("[1-9][0-9]{0,7}|0") ? Integer.valueOf(name) : groupNames.get(name);
        if (group != null && group <= matcher.groupCount() && matcher.group(group) != null) {
            out.append(matcher.group(group));
        }
    }

    private static boolean isNameChar(int c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }

    /**
     * The text a match reads, which looks at the clock every few thousand characters: Java's matcher backtracks, and
     * an expression such as {@code (a+)+$} can take longer than the universe on forty characters, where RE2 takes
     * linear time. The matcher reads nothing but this text, so the check stops it wherever it is.
     */
    private static final class TimedText implements CharSequence {
        private final String text;
        private final long deadline;
        private int reads;

        TimedText(String text, long deadline) {
            this.text = text;
            this.deadline = deadline;
        }

        @Override
        public char charAt(int index) {
            if ((++reads & 0xfff) == 0 && System.nanoTime() - deadline > 0) {
                throw new RenderFailure("regexReplaceAll: matching took longer than "
                        + RenderLimits.MAX_TIME.toSeconds() + "s, the limit of a render (an expression that"
                        + " backtracks without end?)");
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
