package io.autopilot.templates;

import java.util.List;

/**
 * Reads the arguments of a {@link TemplateFunction} as the types a Go function would declare, failing with Go's
 * wording ({@code wrong type for value; expected string; got int}) when one does not fit.
 */
public final class Arguments {
    private Arguments() {
    }

    public static String string(Object value) {
        if (Kind.of(value) != Kind.STRING) {
            throw ArgumentException.wrongType("string", value);
        }
        return Kind.string(value);
    }

    /** A list, set or array, as a Go slice. */
    public static List<?> list(Object value) {
        List<?> list = Kind.list(value);
        if (list == null) {
            throw ArgumentException.wrongType("[]string", value);
        }
        return list;
    }

    /** An integer of any width, as a Go int. */
    public static long integer(Object value) {
        if (Kind.of(value) != Kind.INT) {
            throw ArgumentException.wrongType("int", value);
        }
        return Kind.bigInteger(value).longValueExact();
    }
}
