package io.autopilot.templates;

import io.autopilot.templates.Expr.Chain;
import io.autopilot.templates.Expr.Command;
import io.autopilot.templates.Expr.Field;
import io.autopilot.templates.Expr.Identifier;
import io.autopilot.templates.Expr.Pipe;
import io.autopilot.templates.Expr.Variable;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Evaluates the pipelines of one template invocation, as Go's executor does: each command's result is passed to the
 * next as its last argument, fields are looked up on dot, on variables and on parenthesised results, and functions
 * are called from the table checked at parse time. Errors name the expression being evaluated.
 */
final class Evaluator {
    /** Stands for "no value piped in", which differs from a piped null. */
    private static final Object NO_FINAL = new Object();
    private static final int CONTEXT_LIMIT = 20;

    private final Source source;
    private final Functions functions;
    private final String templateName;
    private final Variables variables;
    private final Nesting nesting;
    private Expr current;

    /** @param nesting the render's, which parenthesized pipelines enter as control structures and calls do */
    Evaluator(Source source, Functions functions, String templateName, Object dot, Nesting nesting) {
        this.source = source;
        this.functions = functions;
        this.templateName = templateName;
        this.variables = new Variables(dot);
        this.nesting = nesting;
    }

    Variables variables() {
        return variables;
    }

    Object pipeline(Object dot, Pipe pipe) {
        Object value = NO_FINAL;
        for (Command command : pipe.commands()) {
            value = command(dot, command, value);
        }
        for (Variable variable : pipe.declarations()) {
            if (pipe.isAssign()) {
                variables.set(variable.variable(), value);
            } else {
                variables.push(variable.variable(), value);
            }
        }
        return value;
    }

    private Object command(Object dot, Command command, Object last) {
        List<Expr> args = command.args();
        Expr first = args.getFirst();
        current = first;
        return switch (first) {
            case Field field -> fields(dot, dot, field.names(), args, last);
            case Chain chain -> fields(dot, chainReceiver(dot, chain), chain.fields(), args, last);
            case Identifier identifier -> function(dot, identifier, args, last);
            case Variable variable -> variable(dot, variable, args, last);
            case Pipe pipe -> {
                notAFunction(args, last);
                yield parenthesized(dot, pipe);
            }
            case Expr.Nil _ -> throw fail("nil is not a command");
            default -> {
                notAFunction(args, last);
                yield argument(dot, first);
            }
        };
    }

    private void notAFunction(List<Expr> args, Object last) {
        if (args.size() > 1 || last != NO_FINAL) {
            throw fail("can't give argument to non-function " + args.getFirst());
        }
    }

    /** Evaluates an operand used as an argument: functions and methods are called without arguments. */
    private Object argument(Object dot, Expr expr) {
        current = expr;
        return switch (expr) {
            case Expr.Dot _ -> dot;
            case Expr.Nil _ -> null;
            case Expr.Bool bool -> bool.value();
            case Expr.Number number -> number.value();
            case Expr.Str string -> string.value();
            case Field field -> fields(dot, dot, field.names(), List.of(expr), NO_FINAL);
            case Variable variable -> variable(dot, variable, List.of(expr), NO_FINAL);
            case Chain chain -> fields(dot, chainReceiver(dot, chain), chain.fields(), List.of(expr), NO_FINAL);
            case Identifier identifier -> function(dot, identifier, List.of(expr), NO_FINAL);
            case Pipe pipe -> parenthesized(dot, pipe);
        };
    }

    private Object parenthesized(Object dot, Pipe pipe) {
        nesting.enter(pipe.pos());
        Object value = pipeline(dot, pipe);
        nesting.leave();
        return value;
    }

    private Object chainReceiver(Object dot, Chain chain) {
        if (chain.operand() instanceof Expr.Nil) {
            throw fail("indirection through explicit nil in " + chain);
        }
        Object receiver = argument(dot, chain.operand());
        current = chain;
        return receiver;
    }

    private Object variable(Object dot, Variable variable, List<Expr> args, Object last) {
        Object value = guard(() -> variables.get(variable.variable()));
        if (variable.names().size() == 1) {
            notAFunction(args, last);
            return value;
        }
        return fields(dot, value, variable.names().subList(1, variable.names().size()), args, last);
    }

    /** {@code .A.B.C args}: every name but the last is a plain lookup; the last may be a method given the args. */
    private Object fields(Object dot, Object receiver, List<String> names, List<Expr> args, Object last) {
        Expr at = current;
        for (int i = 0; i < names.size() - 1; i++) {
            receiver = field(dot, receiver, names.get(i), List.of(), NO_FINAL);
            current = at;
        }
        return field(dot, receiver, names.getLast(), args, last);
    }

    private Object field(Object dot, Object receiver, String name, List<Expr> args, Object last) {
        boolean hasArgs = args.size() > 1 || last != NO_FINAL;
        if (receiver instanceof Map<?, ?> map) {
            if (hasArgs) {
                throw fail(name + " is not a method but has arguments");
            }
            return Members.mapValue(map, name);
        }
        if (receiver == null) {
            throw fail("nil pointer evaluating interface {}." + name);
        }
        Optional<Method> method = Members.method(receiver, name);
        if (method.isEmpty()) {
            throw fail("can't evaluate field " + name + " in type " + Kind.typeName(receiver));
        }
        Expr at = current;
        List<Object> values = arguments(dot, args, last);
        current = at;
        return guard(() -> Members.invoke(method.get(), receiver, name, values));
    }

    private Object function(Object dot, Identifier identifier, List<Expr> args, Object last) {
        Functions.Entry entry = functions.lookup(identifier.name())
                .orElseThrow(() -> fail("function " + GoQuote.quote(identifier.name()) + " not defined"));
        int count = args.size() - 1 + (last != NO_FINAL ? 1 : 0);
        if (count < entry.minArgs() || count > entry.maxArgs()) {
            throw fail(entry.arityError(count));
        }
        if (entry.body() == Builtins.AND || entry.body() == Builtins.OR) {
            return shortCircuit(dot, entry.body() == Builtins.OR, args, last);
        }
        Object[] values = arguments(dot, args, last).toArray();
        current = identifier;
        return call(entry, values);
    }

    /** {@code and} returns its first false argument, {@code or} its first true one, else the last argument. */
    private Object shortCircuit(Object dot, boolean isOr, List<Expr> args, Object last) {
        Object value = null;
        for (Expr arg : args.subList(1, args.size())) {
            value = argument(dot, arg);
            if (Truth.isTrue(value) == isOr) {
                return value;
            }
        }
        return last != NO_FINAL ? last : value;
    }

    /** {@code args} holds the command itself first, then its arguments; a field inside a chain has neither. */
    private List<Object> arguments(Object dot, List<Expr> args, Object last) {
        List<Object> values = new ArrayList<>(args.size());
        for (Expr arg : args.subList(Math.min(1, args.size()), args.size())) {
            values.add(argument(dot, arg));
        }
        if (last != NO_FINAL) {
            values.add(last);
        }
        return values;
    }

    private Object call(Functions.Entry entry, Object[] values) {
        try {
            Object result = entry.body().apply(values);
            if (result instanceof String text) {
                // Functions that could build a longer string check before they build it; this catches the rest.
                RenderLimits.checkText(text.length(), entry.name());
            }
            return result;
        } catch (TemplateException e) {
            throw e;
        } catch (RenderFailure | ArgumentException e) {
            throw fail(e.getMessage(), e);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw fail("error calling " + entry.name() + ": " + Members.describe(e), e);
        }
    }

    /** Runs a lookup whose {@link RenderFailure} is worded already, and places it at the current expression. */
    private Object guard(Supplier<Object> step) {
        try {
            return step.get();
        } catch (RenderFailure | ArgumentException e) {
            throw fail(e.getMessage(), e);
        }
    }

    TemplateException fail(String reason) {
        return fail(reason, null);
    }

    private TemplateException fail(String reason, Throwable cause) {
        Expr at = current;
        String context = at == null ? "" : at.toString();
        int pos = at == null ? 0 : at.pos();
        return error(pos, context, reason, cause);
    }

    /** Go's executor error: {@code executing "name" at <.X.Y>: reason}, placed at the expression's line and column. */
    TemplateException error(int pos, String context, String reason, Throwable cause) {
        if (context.length() > CONTEXT_LIMIT) {
            context = context.substring(0, CONTEXT_LIMIT) + "...";
        }
        String message = "executing " + GoQuote.quote(templateName) + " at <" + context + ">: " + reason;
        return new TemplateException(source.name(), source.lineOf(pos), source.columnOf(pos), message, cause);
    }
}
