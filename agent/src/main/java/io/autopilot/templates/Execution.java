package io.autopilot.templates;

import io.autopilot.templates.Expr.Pipe;
import io.autopilot.templates.Expr.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One rendering of a template: walks its statements, writes text and action output, and runs the control structures
 * with Go's semantics. Not thread-safe; each render makes its own.
 *
 * <p>It keeps the {@link RenderLimits} of a render: the output's size, the iterations of every range together, the
 * nesting of control structures, parentheses and template calls, and the time. The clock is read at every statement
 * and every iteration, so a render that would never end stops at its deadline on its own thread, without being
 * interrupted from outside.
 */
final class Execution {
    /** How a list of statements ended: normally, or at a {@code break} or {@code continue} for the enclosing range. */
    private enum Flow { NEXT, BREAK, CONTINUE }

    private final Source source;
    private final Functions functions;
    private final Map<String, List<Node>> templates;
    private final Output output = new Output();
    private final long deadline = System.nanoTime() + RenderLimits.MAX_TIME.toNanos();
    // Go allows 100000 nested template calls; a thread's stack here does not (RenderLimits.MAX_NESTING).
    private final Nesting nesting;
    private long iterations;

    Execution(Source source, Functions functions, Map<String, List<Node>> templates) {
        this.source = source;
        this.functions = functions;
        this.templates = templates;
        this.nesting = new Nesting(pos -> source.error(pos, "exceeded maximum template depth ("
                + RenderLimits.MAX_NESTING + "): template calls, control structures and parentheses inside one"
                + " another"));
    }

    Rendered run(Object data) {
        invoke(source.name(), data);
        return output.finish();
    }

    private void invoke(String name, Object dot) {
        Evaluator evaluator = new Evaluator(source, functions, name, dot, nesting);
        walk(evaluator, dot, templates.get(name));
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
        checkTime(node.pos());
        return switch (node) {
            case Node.Text text -> {
                write(text.pos(), text.text(), true);
                yield Flow.NEXT;
            }
            case Node.Action action -> {
                Object value = evaluator.pipeline(dot, action.pipe());
                if (action.pipe().declarations().isEmpty()) {
                    write(action.pos(), printed(evaluator, value), false);
                }
                yield Flow.NEXT;
            }
            case Node.If _, Node.With _ -> conditional(evaluator, dot, node);
            case Node.Range range -> {
                nesting.enter(range.pos());
                Flow flow = range(evaluator, dot, range);
                nesting.leave();
                yield flow;
            }
            case Node.Call call -> {
                call(evaluator, dot, call);
                yield Flow.NEXT;
            }
            case Node.Break _ -> Flow.BREAK;
            case Node.Continue _ -> Flow.CONTINUE;
        };
    }

    /** An action's value as {@code %v} prints it, or an error at the action when it is too long to print. */
    private static String printed(Evaluator evaluator, Object value) {
        try {
            return GoFormat.value(value);
        } catch (RenderFailure | ArgumentException e) {
            throw evaluator.fail(e.getMessage());
        }
    }

    private void write(int pos, String chunk, boolean followsSource) {
        if (output.length() + (long) chunk.length() > RenderLimits.MAX_TEXT) {
            throw source.error(pos, "the output would be longer than " + RenderLimits.MAX_TEXT
                    + " characters, the limit of a render");
        }
        if (followsSource) {
            output.text(chunk, source.lineOf(pos));
        } else {
            output.value(chunk, source.lineOf(pos));
        }
    }

    private void checkTime(int pos) {
        if (System.nanoTime() - deadline > 0) {
            throw source.error(pos, "the render took longer than " + RenderLimits.MAX_TIME.toSeconds()
                    + "s, the limit of a render, and was stopped here (a loop that does not end?)");
        }
    }

    /**
     * {@code if} and {@code with}: variables declared in the pipeline live in both branches, then end. An
     * {@code else} branch that is one {@code if} or {@code with} ({@code {{else if}}} parses so) is followed in the
     * same frame, so a long chain of {@code else if} needs no stack and counts as one level of nesting.
     */
    private Flow conditional(Evaluator evaluator, Object dot, Node node) {
        nesting.enter(node.pos());
        Variables variables = evaluator.variables();
        int mark = variables.mark();
        Node current = node;
        Flow flow = Flow.NEXT;
        while (current != null) {
            checkTime(current.pos());
            Control control = Control.of(current);
            Object value = evaluator.pipeline(dot, control.pipe());
            current = null;
            if (Truth.isTrue(value)) {
                flow = walk(evaluator, control.isWith() ? value : dot, control.body());
            } else if (control.otherwise().size() == 1 && Control.isConditional(control.otherwise().getFirst())) {
                current = control.otherwise().getFirst();
            } else {
                flow = walk(evaluator, dot, control.otherwise());
            }
        }
        variables.pop(mark);
        nesting.leave();
        return flow;
    }

    /** The parts of an {@code if} or a {@code with}. */
    private record Control(Pipe pipe, List<Node> body, List<Node> otherwise, boolean isWith) {
        static Control of(Node node) {
            return switch (node) {
                case Node.If branch -> new Control(branch.pipe(), branch.body(), branch.otherwise(), false);
                case Node.With with -> new Control(with.pipe(), with.body(), with.otherwise(), true);
                default -> throw new IllegalArgumentException("not an if or a with: " + node);
            };
        }

        static boolean isConditional(Node node) {
            return node instanceof Node.If || node instanceof Node.With;
        }
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
            if (++iterations > RenderLimits.MAX_ITERATIONS) {
                throw source.error(range.pos(), "range: more than " + RenderLimits.MAX_ITERATIONS
                        + " iterations, the limit of a render (all ranges together)");
            }
            checkTime(range.pos());
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
        nesting.enter(call.pos());
        invoke(call.name(), newDot);
        nesting.leave();
    }
}
