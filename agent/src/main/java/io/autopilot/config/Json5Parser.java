package io.autopilot.config;

import io.autopilot.decode.Node;
import io.autopilot.decode.Node.ArrayNode;
import io.autopilot.decode.Node.BoolNode;
import io.autopilot.decode.Node.NullNode;
import io.autopilot.decode.Node.ObjectNode;
import io.autopilot.decode.Node.TextNode;
import io.autopilot.decode.Origin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * Parses JSON5 (https://spec.json5.org), the format ContainerPilot reads every config file in, into a {@link Node}
 * tree whose values remember the line and column of their first character. A recursive descent over the grammar:
 * this class reads the structure (objects, arrays, members), {@link Json5Scanner} the white space, comments and
 * names, {@link Json5Strings} and {@link Json5Numbers} the literals.
 *
 * <p>A key written twice keeps its last value, as JSON5's reference parser and ContainerPilot's Go decoder do; it then
 * sits where that last value was written. Nesting deeper than {@link #MAX_DEPTH} is an error rather than a stack
 * overflow. The first syntax error ends the parse with a {@link ConfigSyntaxException} that says what was expected
 * and what was found, and for a string, comment, object or array that is never closed, points at where it opened.
 */
public final class Json5Parser {
    /**
     * Objects and arrays nested deeper than this are refused; real configs stay under ten. The parser recurses twice
     * per level: about three hundred levels fit on the agent's 256 KiB stack (measured with C1), so this leaves the
     * caller most of it.
     */
    public static final int MAX_DEPTH = 32;

    private final Json5Scanner scanner;

    private Json5Parser(Json5Scanner scanner) {
        this.scanner = scanner;
    }

    /** Parses {@code text} read from {@code file}, whose lines are the text's own. */
    public static Node parse(String text, String file) {
        return parse(text, file, IntUnaryOperator.identity());
    }

    /**
     * Parses {@code text}, the rendered template of {@code file}; {@code sourceLine} maps a line of the text to the
     * line of the file it came from, and is applied to every origin, including the error's.
     *
     * @throws ConfigSyntaxException at the first syntax error
     */
    public static Node parse(String text, String file, IntUnaryOperator sourceLine) {
        return parse(new RenderedSource(text, file, sourceLine));
    }

    static Node parse(RenderedSource source) {
        return new Json5Parser(new Json5Scanner(source)).document();
    }

    private Node document() {
        scanner.skipSpaceAndComments();
        if (scanner.atEnd()) {
            throw scanner.errorAt(scanner.position(), "expected a value, found end of file (the file is empty)");
        }
        Node root = value("a value", 0);
        scanner.skipSpaceAndComments();
        if (!scanner.atEnd()) {
            int c = scanner.peek();
            String hint = c == '}' || c == ']' ? " (one '" + Character.toString(c) + "' too many?)"
                    : " (a file holds a single value)";
            throw scanner.errorAt(scanner.position(), "expected end of file after the top-level value, found "
                    + scanner.describe(scanner.position()) + hint);
        }
        return root;
    }

    /** The value at the cursor; {@code expected} names it for messages, e.g. {@code a value for "ttl"}. */
    private Node value(String expected, int depth) {
        int start = scanner.position();
        return switch (scanner.peek()) {
            case '{' -> object(depth + 1);
            case '[' -> array(depth + 1);
            case '"', '\'' -> new TextNode(Json5Strings.read(scanner), scanner.origin(start));
            default -> literal(expected, start);
        };
    }

    private Node literal(String expected, int start) {
        String word = scanner.wordAt(start);
        if (Json5Numbers.isNumberStart(scanner.peek()) || word.equals("Infinity") || word.equals("NaN")) {
            return Json5Numbers.read(scanner);
        }
        Origin origin = scanner.origin(start);
        Node keyword = switch (word) {
            case "true" -> new BoolNode(true, origin);
            case "false" -> new BoolNode(false, origin);
            case "null" -> new NullNode(origin);
            default -> null;
        };
        if (keyword != null) {
            scanner.skip(word.length());
            return keyword;
        }
        throw notAValue(expected, start, word);
    }

    private ConfigSyntaxException notAValue(String expected, int start, String word) {
        String found = "expected " + expected + ", found " + scanner.describe(start);
        if (word.isEmpty()) {
            return scanner.errorAt(start, found);
        }
        String lower = word.toLowerCase(Locale.ROOT);
        boolean keyword = lower.equals("true") || lower.equals("false") || lower.equals("null");
        return scanner.errorAt(start, found + (keyword ? "; did you mean " + lower + "?"
                : "; text must be quoted: \"" + scanner.shownToken(start) + "\""));
    }

    private ObjectNode object(int depth) {
        int open = opening(depth);
        Map<String, Node> fields = new LinkedHashMap<>();
        while (true) {
            scanner.skipSpaceAndComments();
            if (scanner.peek() == '}') {
                break;
            }
            String key = key(open);
            colon(open, key);
            scanner.skipSpaceAndComments();
            String expected = "a value for " + quoted(key);
            requireMore(open, expected);
            Node value = value(expected, depth);
            fields.remove(key); // the last of repeated keys wins, and sits where it was written
            fields.put(key, value);
            if (!separator(open, '}', "after the value of " + quoted(key))) {
                break;
            }
        }
        scanner.next();
        return new ObjectNode(fields, scanner.origin(open));
    }

    private ArrayNode array(int depth) {
        int open = opening(depth);
        List<Node> items = new ArrayList<>();
        while (true) {
            scanner.skipSpaceAndComments();
            if (scanner.peek() == ']') {
                break;
            }
            requireMore(open, "a value or ']'");
            items.add(value("a value or ']'", depth));
            if (!separator(open, ']', "after element [" + (items.size() - 1) + "] of the array")) {
                break;
            }
        }
        scanner.next();
        return new ArrayNode(items, scanner.origin(open));
    }

    /** Moves past the opening bracket at the cursor and returns where it was. */
    private int opening(int depth) {
        int open = scanner.position();
        if (depth > MAX_DEPTH) {
            throw scanner.errorAt(open, "too deeply nested: more than " + MAX_DEPTH
                    + " objects and arrays inside one another");
        }
        scanner.next();
        return open;
    }

    private String key(int open) {
        requireMore(open, "a key or '}'");
        int c = scanner.peek();
        if (c == '"' || c == '\'') {
            return Json5Strings.read(scanner);
        }
        if (Json5Scanner.isIdentifierStart(c) || c == '\\') {
            return scanner.readIdentifierName();
        }
        String hint = c == ',' || c == ':' ? "" : " (a key that is not a name must be quoted)";
        throw scanner.errorAt(scanner.position(), "expected a key or '}', found "
                + scanner.describe(scanner.position()) + hint);
    }

    private void colon(int open, String key) {
        scanner.skipSpaceAndComments();
        if (scanner.peek() == ':') {
            scanner.next();
            return;
        }
        String expected = "':' after the key " + quoted(key);
        requireMore(open, expected);
        int c = scanner.peek();
        boolean punctuation = !Json5Scanner.isIdentifierPart(c) && !Json5Scanner.isWhiteSpace(c)
                && "{}[],\"'=".indexOf(c) < 0;
        throw scanner.errorAt(scanner.position(), "expected " + expected + ", found "
                + scanner.describe(scanner.position()) + (punctuation ? " (a key with this character must be quoted)" : ""));
    }

    /** After a member or element: true when a comma follows, false when the closing bracket does. */
    private boolean separator(int open, char close, String after) {
        scanner.skipSpaceAndComments();
        int c = scanner.peek();
        if (c == ',') {
            scanner.next();
            return true;
        }
        if (c == close) {
            return false;
        }
        String expected = "',' or '" + close + "' " + after;
        requireMore(open, expected);
        throw scanner.errorAt(scanner.position(), "expected " + expected + ", found "
                + scanner.describe(scanner.position()));
    }

    /** At the end of the text, the object or array opened at {@code open} is the thing to fix. */
    private void requireMore(int open, String expected) {
        if (scanner.atEnd()) {
            throw scanner.errorAt(open, "'" + Character.toString(scanner.peekAt(open)) + "' is never closed: expected "
                    + expected + ", found end of file");
        }
    }

    private static String quoted(String key) {
        return "\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
