package io.autopilot.files;

import io.autopilot.templates.ArgumentException;
import io.autopilot.templates.Arguments;
import io.autopilot.templates.Functions;
import io.autopilot.templates.GoStrings;
import io.autopilot.templates.RenderLimits;
import io.autopilot.watches.WatchConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The functions of file templates: the configuration's own (Go's and ContainerPilot's, with {@code env}) plus
 * consul-template's for Consul data, under its names and with its semantics: {@code service}, {@code key},
 * {@code keyOrDefault}, {@code keyExists}, {@code ls}, {@code tree}; and ours, {@code watch "name"}, the instances a
 * configured watch follows. Helpers, as consul-template has them: {@code byTag}, {@code sort}, {@code toLower},
 * {@code toUpper}, {@code trimSpace}, {@code contains}, {@code in}, {@code indent}, {@code add}, {@code subtract},
 * {@code multiply}, {@code divide}, {@code modulo}, {@code parseInt}, {@code parseBool}, {@code toJSON},
 * {@code parseJSON}. Arithmetic takes its operands in consul-template's order: {@code {{ .Port | add 1 }}} and
 * {@code {{ subtract 1 .Port }}} are both Port + 1 and Port - 1.
 */
final class TemplateFunctions {
    /** The functions that read Consul: a template that calls one needs the {@code consul} block. */
    static final Set<String> CONSUL = Set.of("service", "watch", "key", "keyOrDefault", "keyExists", "ls", "tree");

    private TemplateFunctions() {
    }

    /** Every name with bodies that read nothing: enough to check a template when the configuration is loaded. */
    static Functions forParsing() {
        return of(name -> null, TemplateData.NONE, Map.of());
    }

    /**
     * @param environment what {@code env "NAME"} reads
     * @param watches the configuration's watches by name, for {@code watch}
     */
    static Functions of(Function<String, String> environment, TemplateData data, Map<String, WatchConfig> watches) {
        return Functions.containerPilot(environment)
                .with("service", 1, args -> data.service(Dependency.Service.parse(Arguments.string(args[0]))))
                .with("watch", 1, args -> data.service(watched(watches, Arguments.string(args[0]))))
                .with("key", 1, args -> key(data, Arguments.string(args[0]), true, ""))
                .with("keyOrDefault", 2, args -> key(data, Arguments.string(args[0]), false,
                        Arguments.string(args[1])))
                .with("keyExists", 1, args -> !data.keys(Dependency.Keys.key(Arguments.string(args[0]))).isEmpty())
                .with("ls", 1, args -> below(data, Arguments.string(args[0]), false))
                .with("tree", 1, args -> below(data, Arguments.string(args[0]), true))
                .with("byTag", 1, args -> byTag(Arguments.list(args[0])))
                .with("sort", 1, args -> sorted(Arguments.list(args[0])))
                .with("toLower", 1, args -> Arguments.string(args[0]).toLowerCase(Locale.ROOT))
                .with("toUpper", 1, args -> Arguments.string(args[0]).toUpperCase(Locale.ROOT))
                .with("trimSpace", 1, args -> GoStrings.trimSpace(Arguments.string(args[0])))
                .with("contains", 2, args -> contains(args[0], args[1]))
                .with("in", 2, args -> contains(args[1], args[0]))
                .with("indent", 2, args -> indent(Arguments.integer(args[0]), Arguments.string(args[1])))
                .with("add", 2, args -> Arithmetic.apply('+', args[1], args[0]))
                .with("subtract", 2, args -> Arithmetic.apply('-', args[1], args[0]))
                .with("multiply", 2, args -> Arithmetic.apply('*', args[1], args[0]))
                .with("divide", 2, args -> Arithmetic.apply('/', args[1], args[0]))
                .with("modulo", 2, args -> Arithmetic.apply('%', args[1], args[0]))
                .with("parseInt", 1, args -> Arithmetic.parseInt(Arguments.string(args[0])))
                .with("parseBool", 1, args -> Arithmetic.parseBool(Arguments.string(args[0])))
                .with("toJSON", 1, args -> TemplateJson.encode(args[0]))
                .with("parseJSON", 1, args -> TemplateJson.decode(Arguments.string(args[0])));
    }

    /** consul-template's {@code indent}: every line of the text, the first included, indented by that many spaces. */
    private static String indent(long spaces, String text) {
        if (spaces < 0) {
            throw new ArgumentException("indent: the number of spaces must be >= 0, not " + spaces);
        }
        long lines = text.chars().filter(c -> c == '\n').count() + 1;
        RenderLimits.checkText(text.length() + Math.min(spaces, RenderLimits.MAX_TEXT + 1L) * lines, "indent");
        String pad = " ".repeat((int) spaces);
        return pad + text.replace("\n", "\n" + pad);
    }

    private static Dependency.Service watched(Map<String, WatchConfig> watches, String name) {
        WatchConfig watch = watches.get(name);
        if (watch == null) {
            throw new ArgumentException("no watch named \"" + name + "\" in the configuration"
                    + (watches.isEmpty() ? "" : " (watches: " + String.join(", ", new TreeMap<>(watches).keySet())
                    + ")"));
        }
        if (watch.key().isPresent()) {
            throw new ArgumentException("watch \"" + name + "\" follows KV key \"" + watch.key().get()
                    + "\": read it with key, ls or tree");
        }
        return new Dependency.Service(watch.name(), watch.tag(), watch.datacenter());
    }

    /** consul-template's {@code key} waits until the key exists; {@code keyOrDefault} never waits for it. */
    private static String key(TemplateData data, String key, boolean required, String fallback) {
        Dependency.Keys dependency = Dependency.Keys.key(key);
        List<KeyPair> found = data.keys(dependency);
        if (found.isEmpty()) {
            if (required) {
                data.require(dependency);
            }
            return fallback;
        }
        return found.getFirst().value();
    }

    /** {@code ls}: the keys right under the prefix; {@code tree}: every key below it; relative, without folders. */
    private static List<KeyPair> below(TemplateData data, String prefix, boolean recursive) {
        Dependency.Keys dependency = Dependency.Keys.prefix(prefix);
        List<KeyPair> entries = new ArrayList<>();
        for (KeyPair pair : data.keys(dependency)) {
            String relative = pair.key().substring(Math.min(pair.key().length(), dependency.path().length()));
            if (relative.isEmpty() || relative.endsWith("/") || !recursive && relative.contains("/")) {
                continue;
            }
            entries.add(new KeyPair(relative, pair.value()));
        }
        return List.copyOf(entries);
    }

    /** consul-template's {@code byTag}: each tag, in order, with the instances that carry it. */
    private static Map<String, List<Instance>> byTag(List<?> instances) {
        Map<String, List<Instance>> byTag = new TreeMap<>();
        for (Object value : instances) {
            if (!(value instanceof Instance instance)) {
                throw ArgumentException.wrongType("[]Instance", value);
            }
            instance.tags().forEach(tag -> byTag.computeIfAbsent(tag, t -> new ArrayList<>()).add(instance));
        }
        byTag.replaceAll((tag, list) -> List.copyOf(list));
        return byTag;
    }

    /** Strings in lexical order, numbers in numeric order; a list mixing both, or other values, is an error. */
    private static List<?> sorted(List<?> values) {
        if (values.stream().allMatch(String.class::isInstance)) {
            return values.stream().map(String.class::cast).sorted().toList();
        }
        if (values.stream().allMatch(Number.class::isInstance)) {
            return values.stream().map(Number.class::cast)
                    .sorted(Comparator.comparingDouble(Number::doubleValue)).toList();
        }
        throw new ArgumentException("sort: the list must hold only strings or only numbers");
    }

    /** consul-template's {@code contains}: whether a list holds the value ({@code .Tags | contains "primary"}). */
    private static boolean contains(Object value, Object in) {
        if (in instanceof String text) {
            return text.contains(Arguments.string(value));
        }
        return Arguments.list(in).contains(value);
    }
}
