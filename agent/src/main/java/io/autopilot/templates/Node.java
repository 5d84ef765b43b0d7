package io.autopilot.templates;

import io.autopilot.templates.Expr.Pipe;
import java.util.List;

/** The statements of a parsed template: text, actions and the control structures that nest them. */
sealed interface Node {
    /** Offset of the node in the source: where its text starts, or where its pipeline starts. */
    int pos();

    record Text(int pos, String text) implements Node {
    }

    /** {@code {{pipeline}}}: prints the value, unless the pipeline declares or assigns variables. */
    record Action(int pos, Pipe pipe) implements Node {
    }

    /** {@code if}, {@code with} and {@code range}; {@code otherwise} is the {@code else} branch, empty if absent. */
    record If(int pos, Pipe pipe, List<Node> body, List<Node> otherwise) implements Node {
    }

    record With(int pos, Pipe pipe, List<Node> body, List<Node> otherwise) implements Node {
    }

    record Range(int pos, Pipe pipe, List<Node> body, List<Node> otherwise) implements Node {
    }

    /** {@code {{template "name" pipeline}}}; the pipeline is null when omitted. */
    record Call(int pos, String name, Pipe pipe) implements Node {
    }

    record Break(int pos) implements Node {
    }

    record Continue(int pos) implements Node {
    }
}
