package io.autopilot.templates;

import java.io.Serial;

/**
 * Arguments a function cannot accept, reported without the {@code error calling NAME:} prefix, as Go reports an
 * argument of the wrong type before the call: {@code wrong type for value; expected string; got int}.
 */
public final class ArgumentException extends IllegalArgumentException {
    @Serial
    private static final long serialVersionUID = 1L;

    public ArgumentException(String message) {
        super(message);
    }

    /** An argument of the wrong kind; the names are Go's ({@code string}, {@code int}, {@code []string}). */
    public static ArgumentException wrongType(String expected, Object actual) {
        return new ArgumentException("wrong type for value; expected " + expected + "; got " + Kind.typeName(actual));
    }
}
