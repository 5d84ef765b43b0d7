package io.autopilot.config;

import io.autopilot.control.ControlConfig;
import io.autopilot.decode.EnvironmentValues;
import io.autopilot.decode.Fields;
import io.autopilot.decode.KeyPath;
import io.autopilot.decode.Node;
import io.autopilot.decode.Origin;
import io.autopilot.decode.Problem;
import io.autopilot.decode.Problems;
import io.autopilot.decode.TextFile;
import io.autopilot.templates.Functions;
import io.autopilot.templates.Rendered;
import io.autopilot.templates.Template;
import io.autopilot.templates.TemplateException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration pipeline: read the file, render it as a Go template over the environment (as ContainerPilot
 * does), parse the result as JSON5 or HOCON, and decode it into an {@link AgentConfig}. Every stage reports problems
 * with the file's name and the line of the <em>source</em> file, and {@link #load} reports every problem of the
 * decode stage at once.
 *
 * <p>Every problem leaves through here with the values the environment put into the file hidden
 * ({@link EnvironmentValues}): it is printed at start and by {@code -validate}, logged on a reload and answered to
 * the client that asked for it, and the environment holds tokens and passwords. So does any other failure of the
 * load, which carries no more than its type and a hidden message.
 */
public final class ConfigLoader {
    /**
     * The most a configuration may hold, in bytes as read and in characters once its template is rendered. Parsed
     * configurations take about sixty times their size in a heap that has 32 MB for everything; real ones hold a
     * few kilobytes.
     */
    public static final int MAX_SIZE = 64 * 1024;

    private final Map<String, String> environment;

    /** @param environment what the template sees as {@code .NAME} and {@code env "NAME"}, and HOCON as {@code ${NAME}} */
    public ConfigLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The file after template rendering: what {@code -template} prints, values from the environment included. */
    public String render(Path file) throws ConfigException {
        return hidingValues(file, values -> renderTracked(file, values).text());
    }

    /** The validated configuration, with its {@linkplain AgentConfig#warnings() warnings}, or every problem with it. */
    public AgentConfig load(Path file) throws ConfigException {
        return hidingValues(file, values -> {
            Node root = parse(file, values);
            Problems problems = new Problems();
            Path directory = file.toAbsolutePath().getParent();
            Optional<AgentConfig> config = AgentConfig.decode(root, directory == null ? Path.of("") : directory,
                    problems);
            if (!problems.isEmpty() || config.isEmpty()) {
                throw new ConfigException(problems.list());
            }
            return config.get().withWarnings(values.hide(problems.warnings()));
        });
    }

    /**
     * Only the control socket's path: the client commands run every few seconds from health checks, and must work
     * even while the rest of the file has problems the running agent already reported.
     */
    public Path controlSocket(Path file) throws ConfigException {
        return hidingValues(file, values -> {
            Node root = parse(file, values);
            Problems problems = new Problems();
            ControlConfig control = Optional.of(root).filter(Node.ObjectNode.class::isInstance)
                    .map(node -> ((Node.ObjectNode) node).fields().get("control"))
                    .flatMap(node -> Fields.of(node, KeyPath.root().key("control"), problems))
                    .map(fields -> ControlConfig.decode(fields, fields.path()))
                    .orElse(ControlConfig.DEFAULT);
            if (!problems.isEmpty()) {
                throw new ConfigException(problems.list());
            }
            return Path.of(control.socket());
        });
    }

    private interface Stage<T> {
        T run(EnvironmentValues values) throws ConfigException;
    }

    private static <T> T hidingValues(Path file, Stage<T> stage) throws ConfigException {
        EnvironmentValues values = new EnvironmentValues(file.toString());
        try {
            return stage.run(values);
        } catch (ConfigException e) {
            throw new ConfigException(values.hide(e.problems()));
        } catch (RuntimeException e) {
            // A defect of a decoder: its message may quote what it was decoding.
            Origin origin = Origin.of(file.toString(), 0, 0);
            throw single(origin, values.hide("could not load the configuration: " + e.getClass().getSimpleName()
                    + ": " + e.getMessage(), origin));
        }
    }

    private Node parse(Path file, EnvironmentValues values) throws ConfigException {
        Rendered rendered = renderTracked(file, values);
        rendered.printed().forEach(p -> values.add(rendered.text().substring(p.start(), p.end()), p.sourceLine()));
        try {
            return ConfigFormat.of(file.toString()).parse(new RenderedSource(rendered, file.toString()), environment,
                    values);
        } catch (ConfigSyntaxException e) {
            throw single(e.origin(), e.reason() + (e.excerpt().isEmpty() ? "" : "\n" + e.excerpt()));
        }
    }

    private Rendered renderTracked(Path file, EnvironmentValues values) throws ConfigException {
        String text = read(file);
        Rendered rendered;
        try {
            Template template = Template.parse(file.toString(), text, Functions.containerPilot(environment::get));
            rendered = template.renderTracked(environment);
        } catch (TemplateException e) {
            values.addAll(environment, e.line());
            throw single(Origin.of(file.toString(), e.line(), e.column()),
                    "could not render the configuration's template: " + e.reason());
        }
        if (rendered.text().length() > MAX_SIZE) {
            throw single(Origin.of(file.toString(), rendered.sourceLine(renderedLineAt(rendered.text(), MAX_SIZE)),
                    0), "the configuration is longer than " + MAX_SIZE + " characters once its template is"
                    + " rendered, the limit (the output of this line passes it)");
        }
        return rendered;
    }

    private static int renderedLineAt(String text, int index) {
        return (int) text.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
    }

    private static String read(Path file) throws ConfigException {
        try {
            return TextFile.read(file, file.toString(), MAX_SIZE, "a configuration file");
        } catch (TextFile.Unreadable e) {
            throw single(e.origin(), e.reason());
        }
    }

    private static ConfigException single(Origin origin, String message) {
        return new ConfigException(List.of(new Problem("", message, origin)));
    }
}
