package io.autopilot.files;

import io.autopilot.templates.ArgumentException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

/**
 * consul-template's arithmetic and parsing helpers. Integers stay integers (Go's int64, with its truncating division);
 * a float on either side makes a float. Numeric strings are numbers, so a key's value can be used directly.
 */
final class Arithmetic {
    private Arithmetic() {
    }

    /** {@code a op b}; consul-template's {@code subtract b a} is {@code a - b}, so callers pass the operands so. */
    static Object apply(char op, Object a, Object b) {
        Number x = number(a);
        Number y = number(b);
        if (x instanceof Long l && y instanceof Long r) {
            return switch (op) {
                case '+' -> Math.addExact(l, r);
                case '-' -> Math.subtractExact(l, r);
                case '*' -> Math.multiplyExact(l, r);
                case '/' -> l / nonZero(r);
                default -> l % nonZero(r);
            };
        }
        double l = x.doubleValue();
        double r = y.doubleValue();
        return switch (op) {
            case '+' -> l + r;
            case '-' -> l - r;
            case '*' -> l * r;
            case '/' -> l / r;
            default -> l % r;
        };
    }

    static long parseInt(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new ArgumentException("parseInt: \"" + text + "\" is not a whole number");
        }
    }

    /** Go's {@code strconv.ParseBool}. */
    static boolean parseBool(String text) {
        return switch (text.trim()) {
            case "1", "t", "T", "true", "TRUE", "True" -> true;
            case "0", "f", "F", "false", "FALSE", "False" -> false;
            default -> throw new ArgumentException("parseBool: \"" + text + "\" is not a boolean");
        };
    }

    private static Number number(Object value) {
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            return big.longValueExact();
        }
        if (value instanceof Float || value instanceof Double || value instanceof BigDecimal) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof String text) {
            String trimmed = text.trim();
            try {
                return Long.parseLong(trimmed);
            } catch (NumberFormatException e) {
                try {
                    return Double.parseDouble(trimmed.toLowerCase(Locale.ROOT));
                } catch (NumberFormatException notANumber) {
                    throw new ArgumentException("\"" + text + "\" is not a number");
                }
            }
        }
        throw new ArgumentException("not a number: " + value);
    }

    private static long nonZero(long divisor) {
        if (divisor == 0) {
            throw new ArgumentException("division by zero");
        }
        return divisor;
    }
}
