package io.autopilot.templates;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The expressions inside actions: pipelines, their commands and the operands of commands. Each prints as it would be
 * written, which is how errors show where they happened ({@code at <.Service.Port>}).
 */
sealed interface Expr {
    /** Offset of the expression in the source. */
    int pos();

    /** {@code $x := cmd | cmd}; as an operand it is a parenthesised pipeline. */
    record Pipe(int pos, boolean isAssign, List<Variable> declarations, List<Command> commands) implements Expr {
        @Override
        public String toString() {
            String pipeline = commands.stream().map(Command::toString).collect(Collectors.joining(" | "));
            if (declarations.isEmpty()) {
                return pipeline;
            }
            String names = declarations.stream().map(Variable::toString).collect(Collectors.joining(", "));
            return names + (isAssign ? " = " : " := ") + pipeline;
        }
    }

    /** One stage of a pipeline: a function, method or value, and its arguments. */
    record Command(int pos, List<Expr> args) {
        @Override
        public String toString() {
            return args.stream()
                    .map(arg -> arg instanceof Pipe ? "(" + arg + ")" : arg.toString())
                    .collect(Collectors.joining(" "));
        }
    }

    /** {@code .A.B}: fields of dot. */
    record Field(int pos, List<String> names) implements Expr {
        @Override
        public String toString() {
            return "." + String.join(".", names);
        }
    }

    /** {@code $x.A.B}: a variable, then fields of its value; the first name includes the {@code $}. */
    record Variable(int pos, List<String> names) implements Expr {
        String variable() {
            return names.getFirst();
        }

        @Override
        public String toString() {
            return String.join(".", names);
        }
    }

    /** {@code (pipeline).A.B}: fields of a parenthesised result. */
    record Chain(int pos, Expr operand, List<String> fields) implements Expr {
        @Override
        public String toString() {
            String head = operand instanceof Pipe ? "(" + operand + ")" : operand.toString();
            return head + "." + String.join(".", fields);
        }
    }

    /** The name of a function. */
    record Identifier(int pos, String name) implements Expr {
        @Override
        public String toString() {
            return name;
        }
    }

    record Dot(int pos) implements Expr {
        @Override
        public String toString() {
            return ".";
        }
    }

    record Nil(int pos) implements Expr {
        @Override
        public String toString() {
            return "nil";
        }
    }

    record Bool(int pos, boolean value) implements Expr {
        @Override
        public String toString() {
            return Boolean.toString(value);
        }
    }

    /** A number or character constant; {@code value} is a {@link Long} or a {@link Double}. */
    record Number(int pos, String text, Object value) implements Expr {
        @Override
        public String toString() {
            return text;
        }
    }

    record Str(int pos, String quoted, String value) implements Expr {
        @Override
        public String toString() {
            return quoted;
        }
    }
}
