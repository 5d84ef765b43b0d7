package io.autopilot.config;

import com.typesafe.config.ConfigException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Typesafe Config's exceptions into {@link ConfigSyntaxException}s: the line (mapped to the source file) goes
 * into the origin, the {@code app.conf: 3:} prefix and the long "if you intended … try enclosing … in double quotes"
 * advice come off, and a few messages that are cryptic or wrong are reworded. Typesafe's dumps of its internal objects
 * ({@code SimpleConfigObject({...})}), which print values of the whole file, are cut off.
 */
final class HoconErrors {
    private record Rewrite(Pattern pattern, Function<MatchResult, String> reason) {
        static Rewrite of(String regex, Function<MatchResult, String> reason) {
            return new Rewrite(Pattern.compile(regex), reason);
        }
    }

    private static final List<Rewrite> REWRITES = List.of(
            Rewrite.of("Could not resolve substitution to a value: \\$\\{([^}]+)}", m -> "${" + m.group(1)
                    + "} is not set: there is no environment variable or key " + m.group(1) + " (write ${?"
                    + m.group(1) + "} to leave the value out when it is unset)"),
            Rewrite.of("Could not resolve substitution to a value: (\\$\\{[^}]+}) was part of a cycle of"
                    + " substitutions involving (.+)", m -> m.group(1) + " is part of a cycle of substitutions: "
                    + m.group(2)),
            Rewrite.of("Expecting a value but got wrong token: 'newline' \\(JSON does not allow unescaped newline.*",
                    m -> "a quoted string is not closed on its line (write \\n for a line break, or use \"\"\"...\"\"\""
                            + " for text over several lines)"),
            Rewrite.of("Expecting a value but got wrong token: '(.)' \\(backslash followed by '.', this is not a valid"
                    + " escape sequence.*", m -> "invalid escape '\\" + m.group(1) + "' in a quoted string (quoted"
                    + " strings take JSON escapes; write \\\\ for a backslash)"),
            // Typesafe reuses its message for a missing ')' of include(…) when an object misses its '}' at the end.
            Rewrite.of("expecting a close parentheses '\\)' here, not: end of file",
                    m -> "an object is never closed: expected '}', found end of file"),
            Rewrite.of("Key '/' may not be followed by token: '\\*'.*",
                    m -> "/* ... */ comments are not HOCON: use // or # comments"),
            Rewrite.of(".*has type (\\w+) rather than object at file root",
                    m -> "the top level must be an object, not a " + m.group(1).toLowerCase(Locale.ROOT)),
            Rewrite.of("Cannot concatenate object or list with a non-object-or-list, .*",
                    m -> "cannot join an object or a list with text or a number in one value"));

    /** Where Typesafe starts printing its internal objects, values and all: whole subtrees of the file. */
    private static final Pattern INTERNAL_DUMP = Pattern.compile(
            "\\b(Simple\\w*|Config\\w+|Quoted|Unquoted|ResolveSource|ConfigDelayedMerge\\w*)\\(");

    private HoconErrors() {
    }

    static ConfigSyntaxException translate(ConfigException e, RenderedSource source) {
        int line = e.origin() == null ? 0 : e.origin().lineNumber();
        if (line <= 0) {
            // Some errors of resolution come without a place; resolution works on substitutions, so point there.
            return source.errorAtLine(HoconShape.firstSubstitutionLine(source.text()), reason(e)
                    + " (no line given by the HOCON library: the file's first substitution is on this one)");
        }
        return source.errorAtLine(line, reason(e));
    }

    static String reason(ConfigException e) {
        if (e instanceof ConfigException.BugOrBroken) {
            return "the HOCON library could not resolve the substitutions (a defect of Typesafe Config): write each"
                    + " key that takes a substitution once";
        }
        String message = e.getMessage();
        if (e.origin() != null && message.startsWith(e.origin().description() + ": ")) {
            message = message.substring(e.origin().description().length() + 2);
        }
        for (String advice : List.of(" (if you intended ", " (if you want ")) {
            int start = message.indexOf(advice);
            if (start > 0) {
                message = message.substring(0, start);
            }
        }
        for (Rewrite rewrite : REWRITES) {
            Matcher matcher = rewrite.pattern().matcher(message);
            if (matcher.matches()) {
                return rewrite.reason().apply(matcher.toMatchResult());
            }
        }
        Matcher dump = INTERNAL_DUMP.matcher(message);
        return dump.find() ? message.substring(0, dump.start()).strip() + " (Typesafe Config's dump of the values"
                + " left out)" : message;
    }
}
