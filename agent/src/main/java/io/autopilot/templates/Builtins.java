package io.autopilot.templates;

import static io.autopilot.templates.Functions.VARIADIC;

import java.util.Arrays;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/** Go's predefined template functions. */
final class Builtins {
    /**
     * {@code and} and {@code or} stop at the first argument that decides the result, without evaluating the rest
     * (Go 1.18+), so the executor runs them itself; these bodies only mark the entries.
     */
    static final TemplateFunction AND = args -> {
        throw new IllegalStateException("and is evaluated by the executor");
    };
    static final TemplateFunction OR = args -> {
        throw new IllegalStateException("or is evaluated by the executor");
    };

    private Builtins() {
    }

    static Functions register(Functions functions) {
        return functions
                .with("and", 1, VARIADIC, AND)
                .with("or", 1, VARIADIC, OR)
                .with("not", 1, args -> !Truth.isTrue(args[0]))
                .with("len", 1, args -> Indexing.length(args[0]))
                .with("index", 1, VARIADIC, args -> Indexing.index(args[0], rest(args)))
                .with("slice", 1, VARIADIC, args -> Indexing.slice(args[0], rest(args)))
                .with("print", GoFormat::sprint)
                .with("println", GoFormat::sprintln)
                .with("printf", 1, VARIADIC, args -> GoFormat.sprintf(Arguments.string(args[0]), rest(args)))
                .with("html", args -> WebEscapes.html(asText(args)))
                .with("js", args -> WebEscapes.js(asText(args)))
                .with("urlquery", args -> WebEscapes.urlQuery(asText(args)))
                .with("eq", 1, VARIADIC, args -> Comparison.eq(args[0], rest(args)))
                .with("ne", 2, args -> !Comparison.eq(args[0], args[1]))
                .with("lt", 2, args -> Comparison.lt(args[0], args[1]))
                .with("le", 2, args -> Comparison.le(args[0], args[1]))
                .with("gt", 2, args -> !Comparison.le(args[0], args[1]))
                .with("ge", 2, args -> !Comparison.lt(args[0], args[1]))
                .with("call", 1, VARIADIC, args -> call(args[0], rest(args)));
    }

    private static Object[] rest(Object[] args) {
        return Arrays.copyOfRange(args, 1, args.length);
    }

    /** The escapers take one string as is, or print several values as {@code print} would. */
    private static String asText(Object[] args) {
        if (args.length == 1 && args[0] instanceof String s) {
            return s;
        }
        return GoFormat.sprint(args);
    }

    @SuppressWarnings("unchecked")
    private static Object call(Object function, Object... args) throws Exception {
        return switch (function) {
            case null -> throw new IllegalArgumentException("call of nil");
            case TemplateFunction f -> f.apply(args);
            case Supplier<?> f when args.length == 0 -> f.get();
            case Function<?, ?> f when args.length == 1 -> ((Function<Object, Object>) f).apply(args[0]);
            case BiFunction<?, ?, ?> f when args.length == 2 ->
                    ((BiFunction<Object, Object, Object>) f).apply(args[0], args[1]);
            case Supplier<?> _, Function<?, ?> _, BiFunction<?, ?, ?> _ ->
                    throw new IllegalArgumentException("wrong number of args: got " + args.length);
            default -> throw new IllegalArgumentException("non-function of type " + Kind.typeName(function));
        };
    }
}
