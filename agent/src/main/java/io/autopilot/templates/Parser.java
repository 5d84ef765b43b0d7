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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the statement tree of a template and of each {@code define}/{@code block} in it, following Go's
 * {@code text/template/parse} grammar and wording its errors the same way. Variables are checked here, with Go's
 * scoping: a variable lives until the {@code end} of the control structure that declared it.
 */
final class Parser {
    private record Body(List<Node> nodes, Token end) {
    }

    private record Control(int pos, Pipe pipe, List<Node> body, List<Node> otherwise) {
    }

    private final Source source;
    private final Functions functions;
    private final TokenStream tokens;
    private final Map<String, List<Node>> templates = new LinkedHashMap<>();
    private List<String> variables = new ArrayList<>(List.of("$"));
    private int rangeDepth;

    private Parser(Source source, Functions functions) {
        this.source = source;
        this.functions = functions;
        this.tokens = new TokenStream(new Lexer(source));
    }

    /** Every template in the source by name; the source's own body is under the source's name. */
    static Map<String, List<Node>> parse(Source source, Functions functions) {
        Parser parser = new Parser(source, functions);
        parser.add(source.name(), parser.top(), 0);
        return parser.templates;
    }

    private List<Node> top() {
        List<Node> nodes = new ArrayList<>();
        while (tokens.peek().type() != Type.EOF) {
            int mark = tokens.mark();
            if (tokens.next().type() == Type.LEFT_DELIM) {
                Token keyword = tokens.nextNonSpace();
                if (keyword.type() == Type.DEFINE) {
                    definition();
                    continue;
                }
                if (keyword.type() == Type.END || keyword.type() == Type.ELSE) {
                    throw source.error(keyword.pos(), "unexpected {{" + keyword.text() + "}}");
                }
            }
            tokens.reset(mark);
            nodes.add(textOrAction());
        }
        return nodes;
    }

    private void definition() {
        Token name = tokens.nextNonSpace();
        String templateName = templateName(name, "define clause");
        expect(Type.RIGHT_DELIM, "define clause");
        add(templateName, isolatedBody("define clause"), name.pos());
    }

    /** A define or block body: it sees none of the surrounding variables and is outside any range. */
    private List<Node> isolatedBody(String context) {
        List<String> outerVariables = variables;
        int outerRangeDepth = rangeDepth;
        variables = new ArrayList<>(List.of("$"));
        rangeDepth = 0;
        Body body = itemList();
        variables = outerVariables;
        rangeDepth = outerRangeDepth;
        if (body.end().type() != Type.END) {
            throw source.error(body.end().pos(), "unexpected {{else}} in " + context);
        }
        return body.nodes();
    }

    /** Go keeps the first non-empty definition; defining a name twice with content is an error. */
    private void add(String name, List<Node> nodes, int pos) {
        List<Node> existing = templates.get(name);
        if (existing == null || isEmpty(existing)) {
            templates.put(name, List.copyOf(nodes));
        } else if (!isEmpty(nodes)) {
            throw source.error(pos, "template: multiple definition of template " + GoQuote.quote(name));
        }
    }

    private static boolean isEmpty(List<Node> nodes) {
        return nodes.stream().allMatch(node -> node instanceof Node.Text text && text.text().isBlank());
    }

    private Body itemList() {
        List<Node> nodes = new ArrayList<>();
        while (tokens.peekNonSpace().type() != Type.EOF) {
            Token boundary = boundary();
            if (boundary != null) {
                return new Body(nodes, boundary);
            }
            nodes.add(textOrAction());
        }
        throw source.error(tokens.peekNonSpace().pos(), "unexpected EOF");
    }

    /** Consumes {@code {{end}}} or {@code {{else}}} and returns its keyword; consumes nothing otherwise. */
    private Token boundary() {
        int mark = tokens.mark();
        if (tokens.nextNonSpace().type() == Type.LEFT_DELIM) {
            Token keyword = tokens.nextNonSpace();
            if (keyword.type() == Type.END) {
                expect(Type.RIGHT_DELIM, "end");
                return keyword;
            }
            if (keyword.type() == Type.ELSE) {
                Type next = tokens.peekNonSpace().type();
                if (next != Type.IF && next != Type.WITH) {
                    expect(Type.RIGHT_DELIM, "else");
                }
                return keyword;
            }
        }
        tokens.reset(mark);
        return null;
    }

    private Node textOrAction() {
        Token token = tokens.nextNonSpace();
        return switch (token.type()) {
            case TEXT -> new Node.Text(token.pos(), token.text());
            case LEFT_DELIM -> action(token);
            default -> throw unexpected(token, "input");
        };
    }

    private Node action(Token delim) {
        Token token = tokens.nextNonSpace();
        return switch (token.type()) {
            case BLOCK -> block();
            case BREAK -> loopControl(token, new Node.Break(token.pos()));
            case CONTINUE -> loopControl(token, new Node.Continue(token.pos()));
            case IF -> ifControl();
            case RANGE -> {
                Control range = control("range");
                yield new Node.Range(range.pos(), range.pipe(), range.body(), range.otherwise());
            }
            case TEMPLATE -> templateCall();
            case WITH -> withControl();
            default -> {
                tokens.backup();
                // Variables declared here are not popped: they live until the enclosing {{end}}.
                yield new Node.Action(delim.pos(), pipeline("command", Type.RIGHT_DELIM));
            }
        };
    }

    private Node ifControl() {
        Control control = control("if");
        return new Node.If(control.pos(), control.pipe(), control.body(), control.otherwise());
    }

    private Node withControl() {
        Control control = control("with");
        return new Node.With(control.pos(), control.pipe(), control.body(), control.otherwise());
    }

    /**
     * The pipeline, body and else branch shared by if, with and range. {@code {{else if}}} and {@code {{else with}}}
     * parse as an {@code if} (or {@code with}) nested in the else branch that ends at the same {@code {{end}}}.
     */
    private Control control(String context) {
        int outerVariables = variables.size();
        Pipe pipe = pipeline(context, Type.RIGHT_DELIM);
        boolean isRange = context.equals("range");
        rangeDepth += isRange ? 1 : 0;
        Body body = itemList();
        rangeDepth -= isRange ? 1 : 0;
        List<Node> otherwise = List.of();
        if (body.end().type() == Type.ELSE) {
            Type next = tokens.peekNonSpace().type();
            if (context.equals("if") && next == Type.IF || context.equals("with") && next == Type.WITH) {
                tokens.nextNonSpace();
                otherwise = List.of(next == Type.IF ? ifControl() : withControl());
            } else {
                Body elseBody = itemList();
                if (elseBody.end().type() != Type.END) {
                    throw source.error(elseBody.end().pos(), "expected end; found {{else}}");
                }
                otherwise = elseBody.nodes();
            }
        }
        variables.subList(outerVariables, variables.size()).clear();
        return new Control(pipe.pos(), pipe, List.copyOf(body.nodes()), List.copyOf(otherwise));
    }

    private Node loopControl(Token keyword, Node node) {
        String name = "{{" + keyword.text() + "}}";
        if (rangeDepth == 0) {
            throw source.error(keyword.pos(), name + " outside {{range}}");
        }
        Token next = tokens.nextNonSpace();
        if (next.type() != Type.RIGHT_DELIM) {
            throw unexpected(next, name);
        }
        return node;
    }

    private Node templateCall() {
        Token name = tokens.nextNonSpace();
        String templateName = templateName(name, "template clause");
        Pipe pipe = null;
        if (tokens.nextNonSpace().type() != Type.RIGHT_DELIM) {
            tokens.backup();
            pipe = pipeline("template clause", Type.RIGHT_DELIM);
        }
        return new Node.Call(name.pos(), templateName, pipe);
    }

    /** {@code {{block "name" pipeline}}…{{end}}}: defines the template and calls it in place. */
    private Node block() {
        Token name = tokens.nextNonSpace();
        String templateName = templateName(name, "block clause");
        Pipe pipe = pipeline("block clause", Type.RIGHT_DELIM);
        add(templateName, isolatedBody("block clause"), name.pos());
        return new Node.Call(name.pos(), templateName, pipe);
    }

    private String templateName(Token token, String context) {
        if (token.type() != Type.STRING && token.type() != Type.RAW_STRING) {
            throw unexpected(token, context);
        }
        return unquote(token);
    }

    private Pipe pipeline(String context, Type end) {
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
                yield new Identifier(token.pos(), token.text());
            }
            case DOT -> new Dot(token.pos());
            case NIL -> new Nil(token.pos());
            case VARIABLE -> useVariable(token);
            case FIELD -> new Field(token.pos(), List.of(token.text().substring(1)));
            case BOOL -> new Bool(token.pos(), token.text().equals("true"));
            case NUMBER, CHAR_CONSTANT -> number(token);
            case LEFT_PAREN -> pipeline("parenthesized pipeline", Type.RIGHT_PAREN);
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
        if (!variables.contains(token.text())) {
            throw source.error(token.pos(), "undefined variable " + GoQuote.quote(token.text()));
        }
        return new Variable(token.pos(), List.of(token.text()));
    }

    Variable declareVariable(Token token) {
        variables.add(token.text());
        return new Variable(token.pos(), List.of(token.text()));
    }

    TokenStream tokens() {
        return tokens;
    }

    private String unquote(Token token) {
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

    private void expect(Type type, String context) {
        Token token = tokens.nextNonSpace();
        if (token.type() != type) {
            throw unexpected(token, context);
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
