package io.autopilot.files;

import io.autopilot.discovery.KeyQuery;
import io.autopilot.discovery.ServiceQuery;
import io.autopilot.saved.SavedAnswers;
import java.time.Duration;
import java.util.Optional;

/** Something in Consul a template reads, followed with a blocking query for as long as the template uses it. */
sealed interface Dependency {
    /** How long a failing query waits before its next try, at most. */
    Duration RETRY = Duration.ofSeconds(5);

    /** As the template wrote it, for the status and the log: {@code service "web"}, {@code key "app/config"}. */
    String describe();

    /** The name its answer is saved under as last-known-good data. */
    String savedAs();

    /** The passing instances of a service, as consul-template's {@code service "tag.name@dc"}. */
    record Service(String name, Optional<String> tag, Optional<String> datacenter) implements Dependency {
        /** Reads consul-template's {@code [tag.]name[@dc]}. */
        static Service parse(String spec) {
            String rest = spec.trim();
            Optional<String> datacenter = Optional.empty();
            int at = rest.lastIndexOf('@');
            if (at >= 0) {
                datacenter = Optional.of(rest.substring(at + 1)).filter(dc -> !dc.isEmpty());
                rest = rest.substring(0, at);
            }
            Optional<String> tag = Optional.empty();
            int dot = rest.lastIndexOf('.');
            if (dot >= 0) {
                tag = Optional.of(rest.substring(0, dot)).filter(t -> !t.isEmpty());
                rest = rest.substring(dot + 1);
            }
            if (rest.isEmpty()) {
                throw new IllegalArgumentException("no service name in \"" + spec + "\" (write \"name\", \"tag.name\""
                        + " or \"name@dc\")");
            }
            return new Service(rest, tag, datacenter);
        }

        ServiceQuery query() {
            return new ServiceQuery(name, tag, datacenter, RETRY);
        }

        @Override
        public String savedAs() {
            return SavedAnswers.serviceQuery(name, tag, datacenter);
        }

        @Override
        public String describe() {
            return "service \"" + tag.map(t -> t + ".").orElse("") + name + datacenter.map(dc -> "@" + dc).orElse("")
                    + "\"";
        }
    }

    /** One KV key, or every key under a prefix (which ends with {@code /}). */
    record Keys(String path, boolean prefix) implements Dependency {
        static Keys key(String key) {
            return new Keys(checked(key), false);
        }

        static Keys prefix(String prefix) {
            String checked = checked(prefix);
            return new Keys(checked.endsWith("/") ? checked : checked + "/", true);
        }

        private static String checked(String path) {
            if (path.isBlank() || path.startsWith("/")) {
                throw new IllegalArgumentException("\"" + path + "\" is not a Consul KV path such as \"app/config\"");
            }
            return path;
        }

        KeyQuery query() {
            return new KeyQuery(path, prefix, Optional.empty(), RETRY);
        }

        @Override
        public String savedAs() {
            return SavedAnswers.keysQuery(path, prefix, Optional.empty());
        }

        @Override
        public String describe() {
            return (prefix ? "keys under \"" : "key \"") + path + "\"";
        }
    }
}
