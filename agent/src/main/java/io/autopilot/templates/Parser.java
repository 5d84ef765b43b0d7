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

    /** One {@code if} or {@code with} of a chain joined by {@code {{else if}}} or {@code {{else with}}}. */
    private record Link(Pipe pipe, List<Node> body) {
    }

    private final Source source;
    private final TokenStream tokens;
    private final Map<String, List<Node>> templates = new LinkedHashMap<>();
    private final Scope scope = new Scope();
    private final PipelineParser pipelines;
    private final Nesting nesting;
    private int rangeDepth;

    private Parser(Source source, Functions functions, Delimiters delimiters) {
        this.source = source;
        this.tokens = new TokenStream(new Lexer(source, delimiters));
        // Go limits parentheses only (to 10000); control structures recurse here as well, on a smaller stack.
        this.nesting = new Nesting(pos -> source.error(pos, "max expression depth exceeded: more than "
                + RenderLimits.MAX_NESTING + " control structures and parentheses inside one another"));
        this.pipelines = new PipelineParser(source, tokens, functions, scope, nesting);
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
            tokens.forget();
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
        add(templateName, isolatedBody("define clause", name.pos()), name.pos());
    }

    /** A define or block body: it sees none of the surrounding variables and is outside any range. */
    private List<Node> isolatedBody(String context, int pos) {
        nesting.enter(pos);
        List<String> outerScope = scope.isolate();
        int outerRangeDepth = rangeDepth;
        rangeDepth = 0;
        Body body = itemList();
        scope.restore(outerScope);
        rangeDepth = outerRangeDepth;
        if (body.end().type() != Type.END) {
            throw source.error(body.end().pos(), "unexpected {{else}} in " + context);
        }
        nesting.leave();
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
            tokens.forget(); // no statement holds a mark between two statements
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
            case IF, WITH -> conditional(token);
            case RANGE -> range(token);
            case TEMPLATE -> templateCall();
            default -> {
                tokens.backup();
                // Variables declared here are not popped: they live until the enclosing {{end}}.
                yield new Node.Action(delim.pos(), pipelines.pipeline("command", Type.RIGHT_DELIM));
            }
        };
    }

    /**
     * {@code if} and {@code with}, with their chain of {@code {{else if}}} (or {@code {{else with}}}), each of which
     * Go parses as an {@code if} nested in the else branch, ending at the same {@code {{end}}}. The chain is read in
     * a loop and nested afterwards, so its length costs no stack and one level of nesting; variables declared in any
     * of its pipelines live until that {@code {{end}}}.
     */
    private Node conditional(Token keyword) {
        nesting.enter(keyword.pos());
        int outerVariables = scope.mark();
        String context = keyword.type() == Type.IF ? "if" : "with";
        List<Link> chain = new ArrayList<>();
        List<Node> otherwise = List.of();
        while (true) {
            Pipe pipe = pipelines.pipeline(context, Type.RIGHT_DELIM);
            Body body = itemList();
            chain.add(new Link(pipe, List.copyOf(body.nodes())));
            if (body.end().type() != Type.ELSE) {
                break;
            }
            if (tokens.peekNonSpace().type() == keyword.type()) {
                tokens.nextNonSpace();
                continue;
            }
            otherwise = elseBody();
            break;
        }
        scope.pop(outerVariables);
        nesting.leave();
        Node node = null;
        for (int i = chain.size() - 1; i >= 0; i--) {
            Link link = chain.get(i);
            List<Node> orElse = node == null ? otherwise : List.of(node);
            node = keyword.type() == Type.IF ? new Node.If(link.pipe().pos(), link.pipe(), link.body(), orElse)
                    : new Node.With(link.pipe().pos(), link.pipe(), link.body(), orElse);
        }
        return node;
    }

    private Node range(Token keyword) {
        nesting.enter(keyword.pos());
        int outerVariables = scope.mark();
        Pipe pipe = pipelines.pipeline("range", Type.RIGHT_DELIM);
        rangeDepth++;
        Body body = itemList();
        rangeDepth--;
        List<Node> otherwise = body.end().type() == Type.ELSE ? elseBody() : List.of();
        scope.pop(outerVariables);
        nesting.leave();
        return new Node.Range(pipe.pos(), pipe, List.copyOf(body.nodes()), otherwise);
    }

    /** The statements after {@code {{else}}}, up to the {@code {{end}}} they must end at. */
    private List<Node> elseBody() {
        Body body = itemList();
        if (body.end().type() != Type.END) {
            throw source.error(body.end().pos(), "expected end; found {{else}}");
        }
        return List.copyOf(body.nodes());
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
        add(templateName, isolatedBody("block clause", name.pos()), name.pos());
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
