package io.autopilot.templates;

import io.autopilot.templates.Expr.Pipe;
import io.autopilot.templates.Token.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the statement tree of a template and of each {@code define}/{@code block} in it, following Go's
 * {@code text/template/parse} grammar and wording its errors the same way. The pipelines inside actions are left to
 * {@link PipelineParser}; this class opens and closes the variable {@link Scope} around control structures.
 */
final class Parser {
    private record Body(List<Node> nodes, Token end) {
    }

    private record Control(int pos, Pipe pipe, List<Node> body, List<Node> otherwise) {
    }

    private final Source source;
    private final TokenStream tokens;
    private final Map<String, List<Node>> templates = new LinkedHashMap<>();
    private final Scope scope = new Scope();
    private final PipelineParser pipelines;
    private int rangeDepth;

    private Parser(Source source, Functions functions, Delimiters delimiters) {
        this.source = source;
        this.tokens = new TokenStream(new Lexer(source, delimiters));
        this.pipelines = new PipelineParser(source, tokens, functions, scope);
    }

    /**
     * Every template in the source by name (the source's own body under the source's name), and the functions they
     * call.
     */
    static Parsed parse(Source source, Functions functions, Delimiters delimiters) {
        Parser parser = new Parser(source, functions, delimiters);
        parser.add(source.name(), parser.top(), 0);
        return new Parsed(parser.templates, parser.pipelines.called());
    }

    record Parsed(Map<String, List<Node>> templates, Set<String> functionsCalled) {
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
        List<String> outerScope = scope.isolate();
        int outerRangeDepth = rangeDepth;
        rangeDepth = 0;
        Body body = itemList();
        scope.restore(outerScope);
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
                yield new Node.Action(delim.pos(), pipelines.pipeline("command", Type.RIGHT_DELIM));
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
        int outerVariables = scope.mark();
        Pipe pipe = pipelines.pipeline(context, Type.RIGHT_DELIM);
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
        scope.pop(outerVariables);
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
            pipe = pipelines.pipeline("template clause", Type.RIGHT_DELIM);
        }
        return new Node.Call(name.pos(), templateName, pipe);
    }

    /** {@code {{block "name" pipeline}}…{{end}}}: defines the template and calls it in place. */
    private Node block() {
        Token name = tokens.nextNonSpace();
        String templateName = templateName(name, "block clause");
        Pipe pipe = pipelines.pipeline("block clause", Type.RIGHT_DELIM);
        add(templateName, isolatedBody("block clause"), name.pos());
        return new Node.Call(name.pos(), templateName, pipe);
    }

    private String templateName(Token token, String context) {
        if (token.type() != Type.STRING && token.type() != Type.RAW_STRING) {
            throw unexpected(token, context);
        }
        return pipelines.unquote(token);
    }

    private void expect(Type type, String context) {
        Token token = tokens.nextNonSpace();
        if (token.type() != type) {
            throw unexpected(token, context);
        }
    }

    private TemplateException unexpected(Token token, String context) {
        return pipelines.unexpected(token, context);
    }
}
