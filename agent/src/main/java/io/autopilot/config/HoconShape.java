package io.autopilot.config;

/**
 * A look at HOCON text before Typesafe Config parses it: how deep its objects, arrays and dotted keys go, and how
 * many substitutions it holds. Typesafe recurses for each level and along each chain of substitutions, and on the
 * agent's 256 KiB stack it overflows at about 150 levels or 240 chained substitutions (measured with C1), so text
 * beyond {@link #MAX_DEPTH} or {@link #MAX_SUBSTITUTIONS} is refused here with the line where it passes the limit.
 *
 * <p>The scan knows only what it must: quoted and triple-quoted strings and comments (whose brackets do not count),
 * brackets, and dots. It errs towards counting: a dot anywhere outside quotes counts as the separator of a path, so
 * {@code version = 1.2.3} weighs three levels where Typesafe sees one string.
 */
final class HoconShape {
    /** Objects, arrays and the segments of dotted keys inside one another. */
    static final int MAX_DEPTH = 16;
    /**
     * Substitutions ({@code ${NAME}}, {@code ${?NAME}}) in one file, which may form one chain, each counted by the
     * segments of its path ({@code ${db.host}} counts two): resolving costs stack for each segment of each link. An
     * append ({@code a += b}) is one too: Typesafe reads it as {@code a = ${?a} [b]}, and a file of two thousand
     * appends to one key (30 KB) kept it resolving for longer than 20 s.
     */
    static final int MAX_SUBSTITUTIONS = 64;

    private final String text;
    private final RenderedSource source;
    private final int[] weights = new int[MAX_DEPTH + 1];
    private int open;
    private int depth;
    private int runDots;
    private int substitutions;
    private int line = 1;

    private HoconShape(String text, RenderedSource source) {
        this.text = text;
        this.source = source;
    }

    /** @throws ConfigSyntaxException at the line where the text passes a limit */
    static void check(String text, RenderedSource source) {
        new HoconShape(text, source).scan(false);
    }

    /** The line of the first substitution outside strings and comments; 1 when there is none. */
    static int firstSubstitutionLine(String text) {
        HoconShape shape = new HoconShape(text, null);
        shape.scan(true);
        return shape.substitutions > 0 ? shape.line : 1;
    }

    private void scan(boolean toFirstSubstitution) {
        int i = 0;
        while (i < text.length() && !(toFirstSubstitution && substitutions > 0)) {
            char c = text.charAt(i);
            if (text.startsWith("\"\"\"", i)) {
                i = skipTripleQuoted(i + 3);
            } else if (c == '"') {
                i = skipQuoted(i + 1);
            } else if (c == '#' || text.startsWith("//", i)) {
                i = skipToLineEnd(i);
            } else if (text.startsWith("${", i) && toFirstSubstitution) {
                substitutions++;
            } else if (text.startsWith("${", i)) {
                i = substitution(i + 2);
            } else {
                structure(c, i);
                i++;
            }
        }
    }

    private void structure(char c, int i) {
        switch (c) {
            case '\n' -> {
                line++;
                runDots = 0;
            }
            case '.' -> {
                runDots++;
                checkDepth(depth + runDots);
            }
            case '{', '[' -> {
                int weight = 1 + runDots;
                checkDepth(depth + weight);
                weights[open++] = weight;
                depth += weight;
                runDots = 0;
            }
            case '}', ']' -> {
                if (open > 0) {
                    depth -= weights[--open];
                }
                runDots = 0;
            }
            case '+' -> {
                if (text.startsWith("+=", i)) {
                    countSubstitution(); // a += b is a = ${?a} [b]: a substitution of a itself
                }
            }
            case ',', ':', '=' -> runDots = 0;
            default -> {
                // part of a key or a value
            }
        }
    }

    /**
     * {@code ${path}} from after its brace: its path's segments count as a key's do, and so does a substitution
     * written inside it (the library's tokenizer recurses into it); returns where it ends.
     */
    private int substitution(int i) {
        countSubstitution();
        int open = 1;
        int dots = 0;
        while (i < text.length() && text.charAt(i) != '\n') {
            char c = text.charAt(i);
            if (c == '"') {
                i = skipQuoted(i + 1);
                continue;
            }
            if (text.startsWith("${", i)) {
                countSubstitution();
                checkDepth(depth + dots + ++open);
                i += 2;
                continue;
            }
            if (c == '}' && --open == 0) {
                return i + 1;
            }
            if (c == '.') {
                checkDepth(depth + ++dots);
                countSubstitution();
            }
            i++;
        }
        return i;
    }

    private void countSubstitution() {
        if (++substitutions > MAX_SUBSTITUTIONS) {
            throw source.errorAtLine(line, "more than " + MAX_SUBSTITUTIONS + " substitutions (${...}, each"
                    + " counted by the segments of its path, and += appends), the limit of a file");
        }
    }

    private void checkDepth(int levels) {
        if (levels > MAX_DEPTH && source != null) {
            throw source.errorAtLine(line, "nested too deeply: more than " + MAX_DEPTH + " objects, arrays and"
                    + " segments of dotted keys inside one another, the limit");
        }
    }

    /** A quoted string ends at its quote or, unclosed, at the end of its line (Typesafe reports that). */
    private int skipQuoted(int i) {
        while (i < text.length() && text.charAt(i) != '"' && text.charAt(i) != '\n') {
            i += text.charAt(i) == '\\' && i + 1 < text.length() && text.charAt(i + 1) != '\n' ? 2 : 1;
        }
        return i < text.length() && text.charAt(i) == '"' ? i + 1 : i;
    }

    private int skipTripleQuoted(int i) {
        int end = text.indexOf("\"\"\"", i);
        int stop = end < 0 ? text.length() : end + 3;
        for (int j = i; j < stop; j++) {
            if (text.charAt(j) == '\n') {
                line++;
            }
        }
        return stop;
    }

    private int skipToLineEnd(int i) {
        int end = text.indexOf('\n', i);
        return end < 0 ? text.length() : end;
    }
}
