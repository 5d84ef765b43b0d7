package io.autopilot.templates;

import io.autopilot.templates.Token.Type;
import java.util.ArrayDeque;
import java.util.Map;

/**
 * Splits a template into tokens on demand, as Go's {@code text/template/parse} lexer does: text outside actions,
 * and inside {@code {{ }}} the words, literals and punctuation of pipelines. Trim markers ({@code {{- } and
 * {@code  -}}}) and comments are handled here, so the parser never sees them. Tokens are produced lazily so that
 * errors surface in source order, the earliest first.
 */
final class Lexer {
    private static final Map<String, Type> KEYWORDS = Map.ofEntries(
            Map.entry("block", Type.BLOCK), Map.entry("break", Type.BREAK), Map.entry("continue", Type.CONTINUE),
            Map.entry("define", Type.DEFINE), Map.entry("else", Type.ELSE), Map.entry("end", Type.END),
            Map.entry("if", Type.IF), Map.entry("nil", Type.NIL), Map.entry("range", Type.RANGE),
            Map.entry("template", Type.TEMPLATE), Map.entry("with", Type.WITH),
            Map.entry("true", Type.BOOL), Map.entry("false", Type.BOOL));

    private final Source source;
    private final String input;
    private final String leftDelim;
    private final String rightDelim;
    private final ArrayDeque<Token> pending = new ArrayDeque<>();
    private int pos;
    private boolean inAction;
    private int actionStart;
    private int parenDepth;

    Lexer(Source source, Delimiters delimiters) {
        this.source = source;
        this.input = source.text();
        this.leftDelim = delimiters.left();
        this.rightDelim = delimiters.right();
    }

    Token next() {
        if (!pending.isEmpty()) {
            return pending.poll();
        }
        return inAction ? insideAction() : text();
    }

    private Token text() {
        while (true) {
            if (pos >= input.length()) {
                return new Token(Type.EOF, "", input.length());
            }
            int delim = input.indexOf(leftDelim, pos);
            if (delim < 0) {
                Token text = new Token(Type.TEXT, input.substring(pos), pos);
                pos = input.length();
                return text;
            }
            boolean trim = hasLeftTrimMarker(delim + leftDelim.length());
            int end = trim ? trimTrailingSpace(pos, delim) : delim;
            Token text = end > pos ? new Token(Type.TEXT, input.substring(pos, end), pos) : null;
            leftDelim(delim, trim);
            if (text != null) {
                return text;
            }
            if (!pending.isEmpty()) {
                return pending.poll();
            }
        }
    }

    /** Queues the left delimiter, or skips a whole comment (which leaves the lexer in text). */
    private void leftDelim(int delim, boolean trim) {
        int after = delim + leftDelim.length() + (trim ? 2 : 0);
        if (input.startsWith("/*", after)) {
            comment(delim, after);
            return;
        }
        pending.add(new Token(Type.LEFT_DELIM, leftDelim, delim));
        pos = after;
        inAction = true;
        actionStart = delim;
        parenDepth = 0;
    }

    private void comment(int delim, int start) {
        int close = input.indexOf("*/", start + 2);
        if (close < 0) {
            throw source.error(delim, "unclosed comment");
        }
        pos = close + 2;
        int rightTrim = rightDelimLength(pos);
        if (rightTrim == 0) {
            throw source.error(delim, "comment ends before closing delimiter");
        }
        afterRightDelim(rightTrim);
    }

    private Token insideAction() {
        int delim = rightDelimLength(pos);
        if (delim > 0) {
            if (parenDepth > 0) {
                throw source.error(pos, "unclosed left paren");
            }
            Token token = new Token(Type.RIGHT_DELIM, rightDelim, pos);
            inAction = false;
            afterRightDelim(delim);
            return token;
        }
        if (pos >= input.length()) {
            throw source.error(actionStart, "unclosed action");
        }
        int start = pos;
        char c = input.charAt(pos);
        return switch (c) {
            case ' ', '\t', '\r', '\n' -> space();
            case '=' -> single(Type.ASSIGN);
            case '|' -> single(Type.PIPE);
            case '"' -> quoted(start, Type.STRING, "unterminated quoted string");
            case '`' -> rawQuoted(start);
            case '\'' -> quoted(start, Type.CHAR_CONSTANT, "unterminated character constant");
            case '$' -> fieldOrVariable(Type.VARIABLE);
            case '(' -> {
                parenDepth++;
                yield single(Type.LEFT_PAREN);
            }
            case ')' -> {
                if (--parenDepth < 0) {
                    throw source.error(start, "unexpected right paren");
                }
                yield single(Type.RIGHT_PAREN);
            }
            case ':' -> {
                if (!input.startsWith(":=", pos)) {
                    throw source.error(start, "expected :=");
                }
                pos += 2;
                yield new Token(Type.DECLARE, ":=", start);
            }
            case '.' -> pos + 1 < input.length() && isDigit(input.charAt(pos + 1))
                    ? number() : fieldOrVariable(Type.FIELD);
            default -> other(c);
        };
    }

    private Token other(char c) {
        if (c == '+' || c == '-' || isDigit(c)) {
            return number();
        }
        if (isAlphaNumeric(input.codePointAt(pos))) {
            return identifier();
        }
        if (c < 0x7f && c > ' ') {
            return single(Type.CHAR);
        }
        throw source.error(pos, "unrecognized character in action: " + GoQuote.unicodeName(input.codePointAt(pos)));
    }

    private Token single(Type type) {
        pos++;
        return new Token(type, input.substring(pos - 1, pos), pos - 1);
    }

    /** Spaces separate arguments; the one before a {@code -}}} trim marker belongs to the marker. */
    private Token space() {
        int start = pos;
        while (pos < input.length() && isSpace(input.charAt(pos))) {
            pos++;
        }
        if (rightDelimLength(pos - 1) > rightDelim.length()) {
            pos--;
            if (pos == start) {
                return insideAction();
            }
        }
        return new Token(Type.SPACE, input.substring(start, pos), start);
    }

    /** A {@code "…"} string or a {@code '…'} character constant: it ends at its line, and a backslash escapes. */
    private Token quoted(int start, Type type, String unterminated) {
        char quote = input.charAt(pos++);
        while (true) {
            if (pos >= input.length() || input.charAt(pos) == '\n') {
                throw source.error(start, unterminated);
            }
            char c = input.charAt(pos++);
            if (c == '\\' && pos < input.length() && input.charAt(pos) != '\n') {
                pos++;
            } else if (c == quote) {
                return new Token(type, input.substring(start, pos), start);
            }
        }
    }

    private Token rawQuoted(int start) {
        int close = input.indexOf('`', start + 1);
        if (close < 0) {
            throw source.error(start, "unterminated raw quoted string");
        }
        pos = close + 1;
        return new Token(Type.RAW_STRING, input.substring(start, pos), start);
    }

    /** {@code .Name}, {@code $name}, or a bare {@code .} or {@code $}. */
    private Token fieldOrVariable(Type type) {
        int start = pos++;
        if (atTerminator()) {
            return new Token(type == Type.VARIABLE ? Type.VARIABLE : Type.DOT, input.substring(start, pos), start);
        }
        scanAlphaNumerics();
        return new Token(type, input.substring(start, pos), start);
    }

    private Token identifier() {
        int start = pos;
        scanAlphaNumerics();
        String word = input.substring(start, pos);
        return new Token(KEYWORDS.getOrDefault(word, Type.IDENTIFIER), word, start);
    }

    private void scanAlphaNumerics() {
        while (pos < input.length() && isAlphaNumeric(input.codePointAt(pos))) {
            pos += Character.charCount(input.codePointAt(pos));
        }
        if (!atTerminator()) {
            throw source.error(pos, "bad character " + GoQuote.unicodeName(input.codePointAt(pos)));
        }
    }

    /** Scans the shape of a Go number; {@link NumberLiteral} decides what it means. */
    private Token number() {
        int start = pos;
        accept("+-");
        String digits = "0123456789_";
        if (accept("0")) {
            if (accept("xX")) {
                digits = "0123456789abcdefABCDEF_";
            } else if (accept("oO")) {
                digits = "01234567_";
            } else if (accept("bB")) {
                digits = "01_";
            }
        }
        acceptRun(digits);
        if (accept(".")) {
            acceptRun(digits);
        }
        if (digits.length() == 11 && accept("eE") || digits.length() == 23 && accept("pP")) {
            accept("+-");
            acceptRun("0123456789_");
        }
        accept("i");
        if (pos < input.length() && isAlphaNumeric(input.codePointAt(pos))) {
            pos++;
            throw source.error(start, "bad number syntax: " + GoQuote.quote(input.substring(start, pos)));
        }
        return new Token(Type.NUMBER, input.substring(start, pos), start);
    }

    private boolean accept(String valid) {
        if (pos < input.length() && valid.indexOf(input.charAt(pos)) >= 0) {
            pos++;
            return true;
        }
        return false;
    }

    private void acceptRun(String valid) {
        while (accept(valid)) {
            // consumed
        }
    }

    private boolean atTerminator() {
        if (pos >= input.length()) {
            return true;
        }
        char c = input.charAt(pos);
        return isSpace(c) || ".,|:()".indexOf(c) >= 0 || input.startsWith(rightDelim, pos);
    }

    /** The length of the right delimiter at {@code at}, with its trim marker if any; 0 when there is none. */
    private int rightDelimLength(int at) {
        if (at + 1 < input.length() && isSpace(input.charAt(at)) && input.charAt(at + 1) == '-'
                && input.startsWith(rightDelim, at + 2)) {
            return 2 + rightDelim.length();
        }
        return input.startsWith(rightDelim, at) ? rightDelim.length() : 0;
    }

    private void afterRightDelim(int length) {
        boolean trim = length > rightDelim.length();
        pos += length;
        if (trim) {
            while (pos < input.length() && isSpace(input.charAt(pos))) {
                pos++;
            }
        }
    }

    /** A {@code {{-} trims only when a space follows the dash; {@code {{-3}}} is the number -3. */
    private boolean hasLeftTrimMarker(int at) {
        return at + 1 < input.length() && input.charAt(at) == '-' && isSpace(input.charAt(at + 1));
    }

    private int trimTrailingSpace(int from, int end) {
        while (end > from && isSpace(input.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAlphaNumeric(int c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }
}
