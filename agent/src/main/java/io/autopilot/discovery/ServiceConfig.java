package io.autopilot.discovery;

import io.autopilot.decode.Fields;
import io.autopilot.decode.KeyPath;
import io.autopilot.decode.Node;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * How a job is registered in Consul. It is read from the job's own keys ({@code port}, {@code tags},
 * {@code interfaces}, {@code initial_status}, {@code consul}, and ours besides: {@code id}, {@code meta}) and exists
 * only for jobs with a {@code port}.
 *
 * @param id the service ID; empty for ContainerPilot's {@code <name>-<hostname>}
 * @param interfaces the interface specs that choose the advertised address, tried in order
 * @param meta Consul service meta
 */
public record ServiceConfig(
        Optional<String> id,
        int port,
        List<String> tags,
        List<InterfaceSpec> interfaces,
        Optional<CheckStatus> initialStatus,
        Map<String, String> meta,
        boolean enableTagOverride,
        Optional<Duration> deregisterCriticalServiceAfter) {

    /** ContainerPilot's rule for names that become Consul service names. */
    public static final Pattern SERVICE_NAME = Pattern.compile("^[a-z][a-zA-Z0-9\\-]+$");

    /** Consul's limits on service meta ({@code agent/structs} {@code ValidateServiceMetadata}). */
    private static final Pattern META_KEY = Pattern.compile("^[A-Za-z0-9_-]{1,128}$");
    private static final int META_VALUE_MAX = 512;
    private static final int META_PAIRS_MAX = 64;

    public ServiceConfig {
        tags = List.copyOf(tags);
        interfaces = List.copyOf(interfaces);
        meta = Map.copyOf(meta);
    }

    /**
     * Reads the registration keys of a job. Without a port they are read (so they are not unknown keys) but the job
     * is not registered, as in ContainerPilot.
     */
    public static Optional<ServiceConfig> decode(Fields job, Optional<String> name) {
        long port = job.integer("port", 0, 65535).orElse(0L);
        List<String> tags = job.strings("tags").orElse(List.of());
        List<InterfaceSpec> interfaces = Interfaces.decode(job, "interfaces");
        Optional<CheckStatus> initialStatus = job.string("initial_status").flatMap(text -> {
            Optional<CheckStatus> status = CheckStatus.fromConsulName(text);
            if (status.isEmpty()) {
                job.problem("initial_status", "must be \"passing\", \"warning\" or \"critical\", not \"" + text + "\"");
            }
            return status;
        });
        ConsulOptions options = job.object("consul", ConsulOptions::decode).orElse(ConsulOptions.DEFAULT);
        Optional<String> id = job.string("id");
        id.filter(i -> i.isBlank() || i.contains("/")).ifPresent(i -> job.problem("id",
                "must not be blank or contain '/': it is a path segment of Consul's API"));
        Map<String, String> meta = job.node("meta").map(node -> meta(job, node)).orElse(Map.of());
        if (port == 0) {
            return Optional.empty();
        }
        name.filter(n -> !SERVICE_NAME.matcher(n).matches()).ifPresent(n -> job.problem("name", "\"" + n
                + "\" cannot be a Consul service name: it must start with a lower-case letter and contain only"
                + " letters, digits and '-' (at least 2 characters)"));
        unmatchedHere(interfaces).ifPresent(why -> job.warning("interfaces", why + ": on this machine the"
                + " service would wait unregistered until an interface matches"));
        return Optional.of(new ServiceConfig(id, (int) port, tags, interfaces, initialStatus, meta,
                options.enableTagOverride(), options.deregisterCriticalServiceAfter()));
    }

    /**
     * Why no interface of the machine that reads the file matches, if none does. A warning, not a problem: the file
     * may be checked on a build machine, and in the container the agent looks on until an interface matches.
     */
    private static Optional<String> unmatchedHere(List<InterfaceSpec> interfaces) {
        try {
            InterfaceSnapshot.ofMachine().select(interfaces);
            return Optional.empty();
        } catch (NoMatchingInterfaceException e) {
            return Optional.of(e.getMessage());
        } catch (UncheckedIOException e) {
            return Optional.empty(); // the agent reports what it cannot list when it looks
        }
    }

    /** The {@code meta} object: string values (numbers and booleans are written as text), within Consul's limits. */
    private static Map<String, String> meta(Fields job, Node node) {
        if (!(node instanceof Node.ObjectNode object)) {
            job.problem("meta", "must be an object of strings, not " + node.kind());
            return Map.of();
        }
        Map<String, String> meta = new LinkedHashMap<>();
        object.fields().forEach((key, value) -> {
            Consumer<String> problem = message -> job.problems().add(job.path("meta").key(key), value.origin(),
                    message);
            if (!META_KEY.matcher(key).matches() || key.startsWith("consul-")) {
                problem.accept("is not a Consul meta key: 1 to 128 letters, digits, '_' or '-', not starting"
                        + " with \"consul-\"");
            }
            Fields.text(value).ifPresentOrElse(text -> meta.put(key, text),
                    () -> problem.accept("must be a string, not " + value.kind()));
            if (meta.getOrDefault(key, "").length() > META_VALUE_MAX) {
                problem.accept("is longer than Consul's " + META_VALUE_MAX + " characters");
            }
        });
        if (meta.size() > META_PAIRS_MAX) {
            job.problem("meta", "has " + meta.size() + " keys; Consul allows " + META_PAIRS_MAX);
        }
        return meta;
    }

    /** The job's {@code consul} block. */
    private record ConsulOptions(boolean enableTagOverride, Optional<Duration> deregisterCriticalServiceAfter) {
        static final ConsulOptions DEFAULT = new ConsulOptions(false, Optional.empty());

        static ConsulOptions decode(Fields fields, KeyPath path) {
            // Optional, unlike ContainerPilot, where a consul block without it failed to parse "".
            return new ConsulOptions(fields.bool("enableTagOverride", false),
                    fields.duration("deregisterCriticalServiceAfter"));
        }
    }
}
