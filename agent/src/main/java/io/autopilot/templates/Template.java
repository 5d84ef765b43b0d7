package io.autopilot.templates;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A parsed Go {@code text/template}, ready to render any number of times from any thread. It holds its own body and
 * every template it defines ({@code define}, {@code block}), and the function table it was checked against.
 *
 * <pre>{@code
 * Template config = Template.parse("app.json5", text, Functions.containerPilot(System::getenv));
 * Rendered rendered = config.renderTracked(System.getenv());
 * }</pre>
 */
public final class Template {
    private final Source source;
    private final Functions functions;
    private final Map<String, List<Node>> templates;
    private final Set<String> functionsCalled;

    private Template(Source source, Functions functions, Parser.Parsed parsed) {
        this.source = source;
        this.functions = functions;
        this.templates = Map.copyOf(parsed.templates());
        this.functionsCalled = Set.copyOf(parsed.functionsCalled());
    }

    /**
     * Parses {@code text}; {@code name} (usually the file name) is the template's name in every error.
     *
     * @throws TemplateException on a syntax error, an undefined variable or a function the table lacks
     */
    public static Template parse(String name, String text, Functions functions) {
        Objects.requireNonNull(functions, "functions");
        Source source = new Source(Objects.requireNonNull(name, "name"), Objects.requireNonNull(text, "text"));
        return new Template(source, functions, Parser.parse(source, functions));
    }

    public String name() {
        return source.name();
    }

    /** The names of the functions the template calls anywhere, whether or not a render reaches the call. */
    public Set<String> functionsCalled() {
        return functionsCalled;
    }

    /**
     * Renders with {@code data} as dot: usually a {@code Map<String, String>} of the environment, where a missing key
     * prints as empty, or records and lists whose public methods serve as fields.
     *
     * @throws TemplateException when an action fails
     */
    public String render(Object data) {
        return renderTracked(data).text();
    }

    /** Renders as {@link #render} does, and also maps each output line to the template line it came from. */
    public Rendered renderTracked(Object data) {
        return new Execution(source, functions, templates).run(data);
    }
}
