package io.autopilot.templates;

import io.autopilot.templates.Expr.Variable;
import io.autopilot.templates.Token.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * The variables a pipeline may open with: {@code $x :=} declares, {@code $x =} assigns an existing variable, and
 * {@code $i, $e :=} (range only) names the index or key and the element.
 */
record Declarations(List<Variable> variables, boolean isAssign) {
    private static final Declarations NONE = new Declarations(List.of(), false);

    static Declarations parse(PipelineParser parser, String context) {
        TokenStream tokens = parser.tokens();
        if (tokens.peekNonSpace().type() != Type.VARIABLE) {
            return NONE;
        }
        int mark = tokens.mark();
        Token first = tokens.nextNonSpace();
        Token next = tokens.peekNonSpace();
        if (isBinding(next)) {
            tokens.nextNonSpace();
            return new Declarations(List.of(bind(parser, first, next)), next.type() == Type.ASSIGN);
        }
        if (next.type() == Type.CHAR && next.text().equals(",")) {
            tokens.nextNonSpace();
            if (!context.equals("range")) {
                throw parser.error(next.pos(), "too many declarations in " + context);
            }
            Token second = tokens.nextNonSpace();
            if (second.type() != Type.VARIABLE) {
                throw parser.error(second.pos(), "range can only initialize variables");
            }
            Token operator = tokens.nextNonSpace();
            if (!isBinding(operator)) {
                throw parser.unexpected(operator, context);
            }
            List<Variable> both = new ArrayList<>();
            both.add(bind(parser, first, operator));
            both.add(bind(parser, second, operator));
            return new Declarations(List.copyOf(both), operator.type() == Type.ASSIGN);
        }
        tokens.reset(mark);
        return NONE;
    }

    private static boolean isBinding(Token token) {
        return token.type() == Type.ASSIGN || token.type() == Type.DECLARE;
    }

    private static Variable bind(PipelineParser parser, Token variable, Token operator) {
        return operator.type() == Type.ASSIGN ? parser.useVariable(variable) : parser.declareVariable(variable);
    }
}
