package io.autopilot.config;

import io.autopilot.decode.Node.NumberNode;
import io.autopilot.decode.Origin;
import java.math.BigInteger;

/**
 * Reads a JSON5 number: decimal with optional fraction and exponent, hexadecimal ({@code 0xC8}), a leading or
 * trailing decimal point ({@code .5}, {@code 5.}), a leading {@code +} or {@code -}, and {@code Infinity} and
 * {@code NaN} with either sign. A leading zero before digits ({@code 01}) is an error, as in the spec.
 *
 * <p>{@link NumberNode#text()} keeps the number as written except where a JSON5-only spelling would mislead the
 * decoder, which reads the text to tell {@code 5} from {@code 5.0} and to turn numbers into strings: the {@code +}
 * is dropped, {@code .5} becomes {@code 0.5}, {@code 5.} becomes {@code 5.0}, and a hex number becomes its decimal
 * digits ({@code 0x1E} → {@code 30}, which would otherwise look like an exponent).
 */
final class Json5Numbers {
    private Json5Numbers() {
    }

    /** Whether a number starts with {@code c} (besides the words Infinity and NaN). */
    static boolean isNumberStart(int c) {
        return c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.';
    }

    /** Reads the number at the cursor and moves past it. */
    static NumberNode read(Json5Scanner scanner) {
        int start = scanner.position();
        boolean signed = scanner.peek() == '+' || scanner.peek() == '-';
        boolean negative = signed && scanner.next() == '-';
        String word = scanner.wordAt(scanner.position());
        Origin origin = scanner.origin(start);
        NumberNode number;
        if (word.equals("Infinity") || word.equals("NaN")) {
            scanner.skip(word.length());
            double value = word.equals("NaN") ? Double.NaN : negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            number = new NumberNode(value, negative && word.equals("Infinity") ? "-Infinity" : word, origin);
        } else if (scanner.lookingAt("0x") || scanner.lookingAt("0X")) {
            number = hexadecimal(scanner, start, negative, origin);
        } else {
            number = decimal(scanner, start, signed, negative, origin);
        }
        requireEnd(scanner, start);
        return number;
    }

    private static NumberNode hexadecimal(Json5Scanner scanner, int start, boolean negative, Origin origin) {
        scanner.skip(2);
        int digitsStart = scanner.position();
        while (Json5Strings.isHex(scanner.sourceText(), scanner.position(), 1)) {
            scanner.next();
        }
        if (scanner.position() == digitsStart) {
            throw scanner.errorAt(start, "expected hex digits after '0x', found " + scanner.describe(digitsStart));
        }
        BigInteger magnitude = new BigInteger(scanner.sourceText().substring(digitsStart, scanner.position()), 16);
        BigInteger value = negative ? magnitude.negate() : magnitude;
        return new NumberNode(value.doubleValue(), value.toString(), origin);
    }

    private static NumberNode decimal(Json5Scanner scanner, int start, boolean signed, boolean negative,
            Origin origin) {
        String integer = digits(scanner);
        String fraction = null;
        if (scanner.peek() == '.') {
            scanner.next();
            fraction = digits(scanner);
        }
        if (integer.isEmpty() && (fraction == null || fraction.isEmpty())) {
            String what = fraction == null ? (signed ? "a number after '" + Character.toString(scanner.peekAt(start))
                    + "'" : "a number") : "a digit before or after '.'";
            throw scanner.errorAt(start, "expected " + what + ", found " + scanner.describe(scanner.position()));
        }
        if (integer.length() > 1 && integer.charAt(0) == '0') {
            throw scanner.errorAt(start, "'" + scanner.shown(start, scanner.position())
                    + "' is not a valid number: leading zeros are not allowed");
        }
        String exponent = exponent(scanner, start);
        String text = (negative ? "-" : "") + (integer.isEmpty() ? "0" : integer)
                + (fraction == null ? "" : "." + (fraction.isEmpty() ? "0" : fraction)) + exponent;
        return new NumberNode(Double.parseDouble(text), text, origin);
    }

    private static String exponent(Json5Scanner scanner, int start) {
        if (scanner.peek() != 'e' && scanner.peek() != 'E') {
            return "";
        }
        int exponentStart = scanner.position();
        scanner.next();
        if (scanner.peek() == '+' || scanner.peek() == '-') {
            scanner.next();
        }
        if (digits(scanner).isEmpty()) {
            throw scanner.errorAt(start, "'" + scanner.shown(start, scanner.position())
                    + "' is not a valid number: the exponent has no digits");
        }
        return scanner.sourceText().substring(exponentStart, scanner.position());
    }

    private static String digits(Json5Scanner scanner) {
        int start = scanner.position();
        while (scanner.peek() >= '0' && scanner.peek() <= '9') {
            scanner.next();
        }
        return scanner.sourceText().substring(start, scanner.position());
    }

    /**
     * A number must not run into a name or another number (ECMAScript says the same). The common case is a
     * duration or version written without quotes, {@code 5s} or {@code 1.2.3}, so the message says to quote it.
     */
    private static void requireEnd(Json5Scanner scanner, int start) {
        int c = scanner.peek();
        if (c != Json5Scanner.END && (Json5Scanner.isIdentifierPart(c) || c == '.' || c == '\\')) {
            int tokenStart = scanner.peekAt(start) == '+' || scanner.peekAt(start) == '-' ? start + 1 : start;
            String written = scanner.shown(start, tokenStart + scanner.tokenAt(tokenStart).length());
            throw scanner.errorAt(start, "'" + written + "' is not a number; if it is meant as text, quote it: \""
                    + written + "\"");
        }
    }
}
