package io.autopilot.discovery;

import io.autopilot.decode.Fields;
import io.autopilot.decode.KeyPath;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a job is registered in Consul. It is read from the job's own keys ({@code port}, {@code tags},
 * {@code interfaces}, {@code initial_status}, {@code consul}) and exists only for jobs with a {@code port}.
 *
 * @param interfaces the interface specs that choose the advertised address, tried in order
 */
public record ServiceConfig(
        int port,
        List<String> tags,
        List<InterfaceSpec> interfaces,
        Optional<CheckStatus> initialStatus,
        boolean enableTagOverride,
        Optional<Duration> deregisterCriticalServiceAfter) {

    /** ContainerPilot's rule for names that become Consul service names. */
    public static final Pattern SERVICE_NAME = Pattern.compile("^[a-z][a-zA-Z0-9\\-]+$");

    public ServiceConfig {
        tags = List.copyOf(tags);
        interfaces = List.copyOf(interfaces);
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
        if (port == 0) {
            return Optional.empty();
        }
        name.filter(n -> !SERVICE_NAME.matcher(n).matches()).ifPresent(n -> job.problem("name", "\"" + n
                + "\" cannot be a Consul service name: it must start with a lower-case letter and contain only"
                + " letters, digits and '-' (at least 2 characters)"));
        return Optional.of(new ServiceConfig((int) port, tags, interfaces, initialStatus, options.enableTagOverride(),
                options.deregisterCriticalServiceAfter()));
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
