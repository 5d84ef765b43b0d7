package io.autopilot.templates;

import io.autopilot.templates.Expr.Pipe;
import io.autopilot.templates.Expr.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One rendering of a template: walks its statements, writes text and action output, and runs the control structures
 * with Go's semantics. Not thread-safe; each render makes its own.
 */
final class Execution {
    /**
     * Go allows 100000 nested template calls; a JVM thread's stack does not: the agent's threads have 256 KiB
     * ({@code -Xss256k}), where a thousand nested calls overflowed. So a runaway recursion stops here with a render
     * error instead of a {@link StackOverflowError}, well within that stack; real templates nest a few levels.
     */
    static final int MAX_DEPTH = 100;

    /** How a list of statements ended: normally, or at a {@code break} or {@code continue} for the enclosing range. */
    private enum Flow { NEXT, BREAK, CONTINUE }

    private final Source source;
    private final Functions functions;
    private final Map<String, List<Node>> templates;
    private final Output output = new Output();
    private int depth;

    Execution(Source source, Functions functions, Map<String, List<Node>> templates) {
        this.source = source;
        this.functions = functions;
        this.templates = templates;
    }

    Rendered run(Object data) {
        invoke(source.name(), data);
        return output.finish();
    }

    private void invoke(String name, Object dot) {
        Evaluator evaluator = new Evaluator(source, functions, name, dot);
        depth++;
        walk(evaluator, dot, templates.get(name));
        depth--;
    }

    private Flow walk(Evaluator evaluator, Object dot, List<Node> nodes) {
        for (Node node : nodes) {
            Flow flow = walk(evaluator, dot, node);
            if (flow != Flow.NEXT) {
                return flow;
            }
        }
        return Flow.NEXT;
    }

    private Flow walk(Evaluator evaluator, Object dot, Node node) {
        return switch (node) {
            case Node.Text text -> {
                output.text(text.text(), source.lineOf(text.pos()));
                yield Flow.NEXT;
            }
            case Node.Action action -> {
                Object value = evaluator.pipeline(dot, action.pipe());
                if (action.pipe().declarations().isEmpty()) {
                    output.value(GoFormat.value(value), source.lineOf(action.pos()));
                }
                yield Flow.NEXT;
            }
            case Node.If branch -> conditional(evaluator, dot, branch.pipe(), branch.body(), branch.otherwise(), false);
            case Node.With with -> conditional(evaluator, dot, with.pipe(), with.body(), with.otherwise(), true);
            case Node.Range range -> range(evaluator, dot, range);
            case Node.Call call -> {
                call(evaluator, dot, call);
                yield Flow.NEXT;
            }
            case Node.Break _ -> Flow.BREAK;
            case Node.Continue _ -> Flow.CONTINUE;
        };
    }

    /** {@code if} and {@code with}: variables declared in the pipeline live in both branches, then end. */
    private Flow conditional(Evaluator evaluator, Object dot, Pipe pipe, List<Node> body, List<Node> otherwise,
                             boolean isWith) {
        Variables variables = evaluator.variables();
        int mark = variables.mark();
        Object value = evaluator.pipeline(dot, pipe);
        Flow flow = Truth.isTrue(value)
                ? walk(evaluator, isWith ? value : dot, body)
                : walk(evaluator, dot, otherwise);
        variables.pop(mark);
        return flow;
    }

    private Flow range(Evaluator evaluator, Object dot, Node.Range range) {
        Variables variables = evaluator.variables();
        int mark = variables.mark();
        Object value = evaluator.pipeline(dot, range.pipe());
        Iteration iteration = new Iteration(evaluator, range, variables.mark());
        boolean ran = switch (Kind.of(value)) {
            case LIST -> iteration.overList(Kind.list(value));
            case MAP -> iteration.overMap((Map<?, ?>) value);
            case INT -> {
                if (range.pipe().declarations().size() > 1) {
                    throw evaluator.fail("can't use " + GoFormat.value(value)
                            + " to iterate over more than one variable");
                }
                yield iteration.overCount(((Number) value).longValue());
            }
            case NIL -> false;
            default -> throw evaluator.fail("range can't iterate over " + GoFormat.value(value));
        };
        if (!ran) {
            walk(evaluator, dot, range.otherwise());
        }
        variables.pop(mark);
        return Flow.NEXT;
    }

    /** The body of a range, run once per element with dot and the declared variables set. */
    private final class Iteration {
        private final Evaluator evaluator;
        private final Node.Range range;
        private final int mark;

        Iteration(Evaluator evaluator, Node.Range range, int mark) {
            this.evaluator = evaluator;
            this.range = range;
            this.mark = mark;
        }

        boolean overList(List<?> elements) {
            for (int i = 0; i < elements.size(); i++) {
                if (once((long) i, elements.get(i)) == Flow.BREAK) {
                    break;
                }
            }
            return !elements.isEmpty();
        }

        /** Go ranges over a map in sorted key order. */
        boolean overMap(Map<?, ?> map) {
            List<Object> keys = new ArrayList<>(map.keySet());
            keys.sort(Comparison.KEY_ORDER);
            for (Object key : keys) {
                if (once(key, map.get(key)) == Flow.BREAK) {
                    break;
                }
            }
            return !keys.isEmpty();
        }

        /** Go 1.22's range over an integer: 0 to n-1. */
        boolean overCount(long count) {
            for (long i = 0; i < count; i++) {
                if (once(i, i) == Flow.BREAK) {
                    break;
                }
            }
            return count > 0;
        }

        private Flow once(Object index, Object element) {
            Variables variables = evaluator.variables();
            List<Variable> declared = range.pipe().declarations();
            if (range.pipe().isAssign()) {
                variables.set(declared.getFirst().variable(), declared.size() > 1 ? index : element);
                if (declared.size() > 1) {
                    variables.set(declared.get(1).variable(), element);
                }
            } else if (!declared.isEmpty()) {
                variables.setTop(1, element);
                if (declared.size() > 1) {
                    variables.setTop(2, index);
                }
            }
            Flow flow = walk(evaluator, element, range.body());
            variables.pop(mark);
            return flow;
        }
    }

    private void call(Evaluator evaluator, Object dot, Node.Call call) {
        Object newDot = call.pipe() == null ? null : evaluator.pipeline(dot, call.pipe());
        String context = "{{template " + GoQuote.quote(call.name()) + "}}";
        if (!templates.containsKey(call.name())) {
            throw evaluator.error(call.pos(), context, "template: no template " + GoQuote.quote(call.name())
                    + " associated with template " + GoQuote.quote(source.name()), null);
        }
        if (depth >= MAX_DEPTH) {
            throw evaluator.error(call.pos(), context, "exceeded maximum template depth (" + MAX_DEPTH + ")", null);
        }
        invoke(call.name(), newDot);
    }
}
