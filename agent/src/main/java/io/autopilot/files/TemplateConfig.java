package io.autopilot.files;

import io.autopilot.decode.Fields;
import io.autopilot.decode.FileMode;
import io.autopilot.decode.KeyPath;
import io.autopilot.decode.Origin;
import io.autopilot.decode.TextFile;
import io.autopilot.jobs.JobRequest;
import io.autopilot.templates.Delimiters;
import io.autopilot.templates.Functions;
import io.autopilot.templates.Template;
import io.autopilot.templates.TemplateException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One entry of {@code templates}: a file the agent renders from Consul's services and keys and the environment, and
 * keeps current. Its events come from source {@code template.<name>}.
 *
 * @param source the template file the text was read from; empty for inline {@code contents}
 * @param text the template itself, read when the configuration is loaded (so a reload picks up an edited file)
 * @param destination the file written, absolute
 * @param mode its permission bits; empty to keep those of the file it replaces (else 0644)
 * @param quiescence {@code wait}: how long changes must settle before a render; empty to render at once
 * @param validate run against the staged file before it replaces the destination
 * @param actions what is asked of jobs after each render that changed the file
 * @param delimiters what marks the template's actions: {@code {{ }}} unless {@code leftDelimiter} or
 *     {@code rightDelimiter} say otherwise
 * @param saves whether the answers of its last render are saved as last-known-good data ({@code lastKnownGood}):
 *     {@code false} for a template whose KV values must not reach the disk
 */
public record TemplateConfig(String name, Optional<Path> source, String text, Path destination,
        Optional<Integer> mode, Optional<Quiescence> quiescence, Optional<Validation> validate,
        List<JobAction> actions, Delimiters delimiters, boolean saves) {

    /** The most a template's source file may hold: its parsed form takes about forty times that in memory. */
    public static final int MAX_SOURCE_SIZE = 256 * 1024;

    public TemplateConfig {
        actions = List.copyOf(actions);
    }

    /** Saving its answers. */
    public TemplateConfig(String name, Optional<Path> source, String text, Path destination, Optional<Integer> mode,
            Optional<Quiescence> quiescence, Optional<Validation> validate, List<JobAction> actions,
            Delimiters delimiters) {
        this(name, source, text, destination, mode, quiescence, validate, actions, delimiters, true);
    }

    /** With the default delimiters. */
    public TemplateConfig(String name, Optional<Path> source, String text, Path destination, Optional<Integer> mode,
            Optional<Quiescence> quiescence, Optional<Validation> validate, List<JobAction> actions) {
        this(name, source, text, destination, mode, quiescence, validate, actions, Delimiters.DEFAULT);
    }

    public String eventSource() {
        return "template." + name;
    }

    /** Whether the template reads Consul (services, watches or keys): then the configuration needs {@code consul}. */
    public boolean readsConsul() {
        return parse().functionsCalled().stream().anyMatch(TemplateFunctions.CONSUL::contains);
    }

    /** The template, parsed as it was when the configuration was loaded. */
    Template parse() {
        return parse(TemplateFunctions.forParsing());
    }

    /** The template, parsed with {@code functions}. */
    Template parse(Functions functions) {
        return Template.parse(templateName(), text, functions, delimiters);
    }

    /** The name in the template's own messages: its file, or {@code <name> contents} for inline text. */
    String templateName() {
        return source.map(Path::toString).orElse(name + " contents");
    }

    /**
     * A request to a job after the file changed: {@code signal: {job, signal}} or {@code restart: <job>}.
     *
     * @param signal the signal's name, {@code SIGHUP}; empty for a restart
     */
    public record JobAction(String job, Optional<String> signal) {
        public JobRequest request() {
            return signal.<JobRequest>map(name -> new JobRequest.Signal(io.autopilot.process.Signals.number(name)))
                    .orElseGet(JobRequest.Restart::new);
        }

        @Override
        public String toString() {
            return signal.map(s -> s + " to " + job).orElse("restart " + job);
        }
    }

    /**
     * Decodes one template; relative paths are taken from {@code directory}, the configuration file's folder.
     *
     * @param jobs the names of the configuration's jobs, which {@code signal} and {@code restart} must name
     */
    public static Optional<TemplateConfig> decode(Fields fields, KeyPath path, Path directory, Set<String> jobs) {
        Optional<String> name = fields.requiredString("name");
        Optional<Path> source = fields.string("source").filter(s -> !s.isBlank()).map(s -> directory.resolve(s));
        Optional<String> contents = fields.string("contents");
        Optional<String> text = text(fields, source, contents);
        Optional<Path> destination = fields.requiredString("destination").map(d -> directory.resolve(d).normalize());
        Optional<Integer> mode = FileMode.read(fields, "mode");
        Optional<Quiescence> wait = fields.node("wait").flatMap(node -> Quiescence.decode(fields, "wait", node));
        Optional<Validation> validate = Validation.decode(fields, "validate");
        List<JobAction> actions = JobActions.decode(fields, jobs);
        Optional<Delimiters> delimiters = delimiters(fields);
        boolean saves = fields.bool("lastKnownGood", true);
        if (name.isEmpty() || text.isEmpty() || destination.isEmpty() || delimiters.isEmpty()) {
            return Optional.empty();
        }
        var config = new TemplateConfig(name.get(), source, text.get(), destination.get(), mode, wait, validate,
                actions, delimiters.get(), saves);
        try {
            config.parse();
        } catch (TemplateException e) {
            fields.problems().add(path.key(source.isPresent() ? "source" : "contents"), source.isPresent()
                    ? Origin.of(source.get().toString(), e.line(), e.column())
                    : fields.origin("contents"), "could not parse the template: " + e.reason()
                    + (source.isPresent() ? "" : " (line " + e.line() + " of contents)"));
            return Optional.empty();
        }
        return Optional.of(config);
    }

    /** consul-template's {@code left_delimiter} and {@code right_delimiter}: either may be given alone. */
    private static Optional<Delimiters> delimiters(Fields fields) {
        String left = fields.string("leftDelimiter").orElse(Delimiters.DEFAULT.left());
        String right = fields.string("rightDelimiter").orElse(Delimiters.DEFAULT.right());
        boolean ok = true;
        for (String key : List.of("leftDelimiter", "rightDelimiter")) {
            if (fields.string(key).filter(String::isBlank).isPresent()) {
                fields.problem(key, "must not be blank");
                ok = false;
            }
        }
        return ok ? Optional.of(new Delimiters(left, right)) : Optional.empty();
    }

    private static Optional<String> text(Fields fields, Optional<Path> source, Optional<String> contents) {
        if (source.isPresent() == contents.isPresent()) {
            fields.problem(source.isPresent() ? "contents" : "source", source.isPresent()
                    ? "cannot be given with \"source\": a template is either a file or inline text"
                    : "is required: the template file (or \"contents\", the template inline)");
            return Optional.empty();
        }
        if (contents.isPresent()) {
            return contents;
        }
        try {
            return Optional.of(TextFile.read(source.get(), source.get().toString(), MAX_SOURCE_SIZE,
                    "a template's source"));
        } catch (TextFile.Unreadable e) {
            if (e.origin().line() > 0) {
                fields.problems().add(fields.path("source"), e.origin(), e.reason());
            } else {
                fields.problem("source", e.reason() + ": " + source.get());
            }
        }
        return Optional.empty();
    }
}
