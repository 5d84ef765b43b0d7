package io.autopilot.templates;

import io.autopilot.templates.Expr.Bool;
import io.autopilot.templates.Expr.Chain;
import io.autopilot.templates.Expr.Command;
import io.autopilot.templates.Expr.Dot;
import io.autopilot.templates.Expr.Field;
import io.autopilot.templates.Expr.Identifier;
import io.autopilot.templates.Expr.Nil;
import io.autopilot.templates.Expr.Pipe;
import io.autopilot.templates.Expr.Str;
import io.autopilot.templates.Expr.Variable;
import io.autopilot.templates.Token.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses the pipelines inside actions, as Go's parser does: optional declarations, then commands separated by
 * {@code |}, each a function, field, variable, literal or parenthesised pipeline followed by its arguments. Function
 * names are checked against the table here, so a misspelt one fails the parse.
 */
final class PipelineParser {
    private final Source source;
    private final TokenStream tokens;
    private final Functions functions;
    private final Scope scope;
    private final Nesting nesting;
    private final Set<String> called = new LinkedHashSet<>();

    /** @param nesting the parser's, which parentheses enter as control structures do */
    PipelineParser(Source source, TokenStream tokens, Functions functions, Scope scope, Nesting nesting) {
        this.source = source;
        this.tokens = tokens;
        this.functions = functions;
        this.scope = scope;
        this.nesting = nesting;
    }

    /** The names of the functions the pipelines parsed so far call. */
    Set<String> called() {
        return Set.copyOf(called);
    }

    Pipe pipeline(String context, Type end) {
        int pos = tokens.peekNonSpace().pos();
        Declarations declarations = Declarations.parse(this, context);
        List<Command> commands = new ArrayList<>();
        while (true) {
            Token token = tokens.nextNonSpace();
            if (token.type() == end) {
                checkPipeline(commands, context, token);
                return new Pipe(pos, declarations.isAssign(), declarations.variables(), List.copyOf(commands));
            }
            switch (token.type()) {
                case BOOL, CHAR_CONSTANT, DOT, FIELD, IDENTIFIER, NUMBER, NIL, RAW_STRING, STRING, VARIABLE,
                     LEFT_PAREN -> {
                    tokens.backup();
                    commands.add(command());
                }
                default -> throw unexpected(token, context);
            }
        }
    }

    private void checkPipeline(List<Command> commands, String context, Token end) {
        if (commands.isEmpty()) {
            throw source.error(end.pos(), "missing value for " + context);
        }
        for (int i = 1; i < commands.size(); i++) {
            Expr first = commands.get(i).args().getFirst();
            if (first instanceof Bool || first instanceof Dot || first instanceof Nil || first instanceof Expr.Number
                    || first instanceof Str) {
                throw source.error(first.pos(), "non executable command in pipeline stage " + (i + 1));
            }
        }
    }

    private Command command() {
        int pos = tokens.peekNonSpace().pos();
        List<Expr> args = new ArrayList<>();
        loop:
        while (true) {
            skipSpaces();
            Expr operand = operand();
            if (operand != null) {
                args.add(operand);
            }
            Token token = tokens.next();
            switch (token.type()) {
                case SPACE -> {
                    continue;
                }
                case RIGHT_DELIM, RIGHT_PAREN -> tokens.backup();
                case PIPE -> {
                    // the next command starts after the pipe
                }
                default -> throw unexpected(token, "operand");
            }
            break loop;
        }
        if (args.isEmpty()) {
            throw source.error(pos, "empty command");
        }
        return new Command(pos, List.copyOf(args));
    }

    /** A term, then any {@code .Field}s written directly after it. */
    private Expr operand() {
        Expr term = term();
        if (term == null || tokens.peek().type() != Type.FIELD) {
            return term;
        }
        int pos = tokens.peek().pos();
        List<String> fields = new ArrayList<>();
        while (tokens.peek().type() == Type.FIELD) {
            fields.add(tokens.next().text().substring(1));
        }
        return switch (term) {
            case Field field -> new Field(field.pos(), concat(field.names(), fields));
            case Variable variable -> new Variable(variable.pos(), concat(variable.names(), fields));
            case Bool _, Str _, Expr.Number _, Nil _, Dot _ ->
                    throw source.error(pos, "unexpected . after term " + GoQuote.quote(term.toString()));
            default -> new Chain(term.pos(), term, List.copyOf(fields));
        };
    }

    private Expr term() {
        Token token = tokens.nextNonSpace();
        return switch (token.type()) {
            case IDENTIFIER -> {
                if (!functions.has(token.text())) {
                    throw source.error(token.pos(), "function " + GoQuote.quote(token.text()) + " not defined");
                }
                called.add(token.text());
                yield new Identifier(token.pos(), token.text());
            }
            case DOT -> new Dot(token.pos());
            case NIL -> new Nil(token.pos());
            case VARIABLE -> useVariable(token);
            case FIELD -> new Field(token.pos(), List.of(token.text().substring(1)));
            case BOOL -> new Bool(token.pos(), token.text().equals("true"));
            case NUMBER, CHAR_CONSTANT -> number(token);
            case LEFT_PAREN -> {
                nesting.enter(token.pos());
                Pipe pipe = pipeline("parenthesized pipeline", Type.RIGHT_PAREN);
                nesting.leave();
                yield pipe;
            }
            case STRING, RAW_STRING -> new Str(token.pos(), token.text(), unquote(token));
            default -> {
                tokens.backup();
                yield null;
            }
        };
    }

    private Expr number(Token token) {
        try {
            Object value = token.type() == Type.CHAR_CONSTANT
                    ? NumberLiteral.character(token.text())
                    : NumberLiteral.parse(token.text());
            return new Expr.Number(token.pos(), token.text(), value);
        } catch (IllegalArgumentException e) {
            throw source.error(token.pos(), e.getMessage());
        }
    }

    Variable useVariable(Token token) {
        if (!scope.has(token.text())) {
            throw source.error(token.pos(), "undefined variable " + GoQuote.quote(token.text()));
        }
        return new Variable(token.pos(), List.of(token.text()));
    }

    Variable declareVariable(Token token) {
        scope.declare(token.text());
        return new Variable(token.pos(), List.of(token.text()));
    }

    TokenStream tokens() {
        return tokens;
    }

    String unquote(Token token) {
        try {
            return GoQuote.unquote(token.text());
        } catch (IllegalArgumentException e) {
            throw source.error(token.pos(), e.getMessage());
        }
    }

    private void skipSpaces() {
        while (tokens.peek().type() == Type.SPACE) {
            tokens.next();
        }
    }

    TemplateException error(int pos, String reason) {
        return source.error(pos, reason);
    }

    TemplateException unexpected(Token token, String context) {
        return source.error(token.pos(), "unexpected " + token + " in " + context);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }
}
