package io.autopilot.templates;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How the engine sees a Java value, in Go's terms: Java's boxed integers are Go ints, lists, sets and arrays are
 * slices, maps are maps, functions are funcs, and any other object is a struct whose fields are its public methods.
 */
enum Kind {
    NIL, BOOL, INT, FLOAT, STRING, LIST, MAP, FUNCTION, STRUCT;

    static Kind of(Object value) {
        return switch (value) {
            case null -> NIL;
            case Boolean _ -> BOOL;
            case Long _, Integer _, Short _, Byte _, BigInteger _ -> INT;
            case Double _, Float _, BigDecimal _ -> FLOAT;
            case String _, Character _ -> STRING;
            case Collection<?> _ -> LIST;
            case Map<?, ?> _ -> MAP;
            case TemplateFunction _, Function<?, ?> _, Supplier<?> _, BiFunction<?, ?, ?> _ -> FUNCTION;
            default -> value.getClass().isArray() ? LIST : STRUCT;
        };
    }

    boolean isBasic() {
        return this == BOOL || this == INT || this == FLOAT || this == STRING;
    }

    /** The elements of a {@link #LIST} value in order; null for any other value. */
    static List<?> list(Object value) {
        if (value instanceof List<?> list) {
            return list;
        }
        if (value instanceof Collection<?> collection) {
            return new ArrayList<>(collection);
        }
        if (value != null && value.getClass().isArray()) {
            int length = Array.getLength(value);
            List<Object> elements = new ArrayList<>(length);
            for (int i = 0; i < length; i++) {
                elements.add(Array.get(value, i));
            }
            return elements;
        }
        return null;
    }

    static BigInteger bigInteger(Object value) {
        return value instanceof BigInteger big ? big : BigInteger.valueOf(((Number) value).longValue());
    }

    static double doubleValue(Object value) {
        return ((Number) value).doubleValue();
    }

    static String string(Object value) {
        return value.toString();
    }

    /** Go's name for the value's type, as its messages print it: {@code string}, {@code int}, {@code []string}. */
    static String typeName(Object value) {
        return switch (of(value)) {
            case NIL -> "nil";
            case BOOL -> "bool";
            case INT -> "int";
            case FLOAT -> value instanceof Float ? "float32" : "float64";
            case STRING -> "string";
            case LIST -> "[]" + elementTypeName(list(value));
            case MAP -> "map[" + elementTypeName(((Map<?, ?>) value).keySet()) + "]"
                    + elementTypeName(((Map<?, ?>) value).values());
            case FUNCTION -> "func";
            case STRUCT -> value.getClass().getSimpleName();
        };
    }

    /** Java collections carry no element type at run time; name it when every element agrees, as Go would. */
    private static String elementTypeName(Collection<?> elements) {
        String name = null;
        for (Object element : elements) {
            Kind kind = of(element);
            String elementName = kind.isBasic() || kind == STRUCT ? typeName(element) : "interface {}";
            if (name != null && !name.equals(elementName)) {
                return "interface {}";
            }
            name = elementName;
        }
        return name == null ? "interface {}" : name;
    }
}
