package io.autopilot.templates;

import java.util.Map;

/** Go's template truth: false, 0, nil and empty strings, lists and maps are false; everything else is true. */
final class Truth {
    private Truth() {
    }

    static boolean isTrue(Object value) {
        return switch (Kind.of(value)) {
            case NIL -> false;
            case BOOL -> (Boolean) value;
            case INT -> Kind.bigInteger(value).signum() != 0;
            // NaN is true: Go tests a float with != 0.
            case FLOAT -> Kind.doubleValue(value) != 0;
            case STRING -> !Kind.string(value).isEmpty();
            case LIST -> !Kind.list(value).isEmpty();
            case MAP -> !((Map<?, ?>) value).isEmpty();
            case FUNCTION, STRUCT -> true;
        };
    }
}
