package io.autopilot.templates;

import java.util.Comparator;
import java.util.Objects;

/**
 * Go's {@code eq}, {@code lt} and friends. Integers of any width compare with each other, and so do floats; an integer
 * and a float, or a string and a number, are incompatible, as in Go. {@code eq} also compares structs (by
 * {@code equals}) and anything with nil, but not lists or maps, which Go cannot compare.
 */
final class Comparison {
    /** Go's sorted order of map keys: by kind, then by value. */
    static final Comparator<Object> KEY_ORDER = Comparator.comparing(Kind::of).thenComparing(Comparison::sameKind);

    private Comparison() {
    }

    /** True when {@code first} equals any of {@code others}. */
    static boolean eq(Object first, Object... others) {
        if (others.length == 0) {
            throw new IllegalArgumentException("missing argument for comparison");
        }
        for (Object other : others) {
            if (equal(first, other)) {
                return true;
            }
        }
        return false;
    }

    private static boolean equal(Object a, Object b) {
        Kind ka = Kind.of(a);
        Kind kb = Kind.of(b);
        if (ka == Kind.NIL || kb == Kind.NIL) {
            return ka == kb;
        }
        if (ka != kb) {
            throw new IllegalArgumentException("incompatible types for comparison");
        }
        if (ka == Kind.FLOAT) {
            return Kind.doubleValue(a) == Kind.doubleValue(b);
        }
        if (ka.isBasic()) {
            return sameKind(a, b) == 0;
        }
        if (ka == Kind.LIST || ka == Kind.MAP) {
            throw new IllegalArgumentException(
                    "non-comparable type " + GoFormat.sprint(a) + ": " + Kind.typeName(a));
        }
        return Objects.equals(a, b);
    }

    static boolean lt(Object a, Object b) {
        Kind ka = ordered(a);
        Kind kb = ordered(b);
        if (ka != kb) {
            throw new IllegalArgumentException("incompatible types for comparison");
        }
        if (ka == Kind.FLOAT) {
            return Kind.doubleValue(a) < Kind.doubleValue(b);
        }
        return sameKind(a, b) < 0;
    }

    static boolean le(Object a, Object b) {
        return lt(a, b) || eq(a, b);
    }

    private static Kind ordered(Object value) {
        Kind kind = Kind.of(value);
        if (kind != Kind.INT && kind != Kind.FLOAT && kind != Kind.STRING) {
            throw new IllegalArgumentException("invalid type for comparison");
        }
        return kind;
    }

    /** Compares two values of the same kind. Strings compare by code point, as Go compares their UTF-8 bytes. */
    private static int sameKind(Object a, Object b) {
        return switch (Kind.of(a)) {
            case BOOL -> Boolean.compare((Boolean) a, (Boolean) b);
            case INT -> Kind.bigInteger(a).compareTo(Kind.bigInteger(b));
            case FLOAT -> Double.compare(Kind.doubleValue(a), Kind.doubleValue(b));
            case STRING -> compareCodePoints(Kind.string(a), Kind.string(b));
            default -> compareCodePoints(String.valueOf(a), String.valueOf(b));
        };
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
