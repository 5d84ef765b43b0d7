package io.autopilot.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.testing.Repository;
import io.autopilot.testing.docker.HostCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The project's shell scripts pass {@code shellcheck}, and every example's compose file passes
 * {@code docker-compose config} with no daemon at all (its variables at their defaults): what scripts/test.sh
 * installs both for. The container tests then run the compose files for real.
 */
class ScriptsLintIT {
    private static final Path ROOT = Repository.root();

    @Test
    void everyShellScriptPassesShellcheck() throws IOException {
        List<String> command = new ArrayList<>(List.of("shellcheck", "-x"));
        for (String folder : List.of("scripts", "examples")) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(folder))) {
                files.filter(file -> file.toString().endsWith(".sh"))
                        .map(file -> ROOT.relativize(file).toString()).sorted().forEach(command::add);
            }
        }
        assertThat(command).as("the scripts found").contains("scripts/test.sh", "scripts/lib/docker.sh",
                "scripts/local-images.sh", "scripts/images/debian/rootfs.sh", "examples/redis-cluster/manage.sh");

        HostCommand.Result shellcheck = HostCommand.in(ROOT).run(Duration.ofMinutes(2), command);

        assertThat(shellcheck.code()).as("%s", shellcheck).isZero();
    }

    @Test
    void everyComposeFileIsValidWithoutADaemon() throws IOException {
        List<Path> composeFiles;
        try (Stream<Path> files = Files.walk(ROOT.resolve("examples"))) {
            composeFiles = files.filter(file -> file.getFileName().toString().equals("docker-compose.yml")).sorted()
                    .toList();
        }
        assertThat(composeFiles).extracting(file -> ROOT.relativize(file.getParent()).toString())
                .contains("examples/node", "examples/redis-cluster", "examples/couchbase");
        for (Path file : composeFiles) {
            HostCommand.Result config = HostCommand.in(file.getParent())
                    .with(Map.of("DOCKER_HOST", "unix:///nonexistent/docker.sock"))
                    .with(noDefaults()).run(Duration.ofMinutes(1), "docker-compose", "config", "-q");
            assertThat(config.code()).as("%s: %s", ROOT.relativize(file), config).isZero();
        }
    }

    /** The variables the compose files read, unset so that their defaults are what is checked. */
    private static Map<String, String> noDefaults() {
        Map<String, String> unset = new HashMap<>();
        for (String name : List.of("NODE_IMAGE", "NGINX_IMAGE", "REDIS_IMAGE", "CONSUL_IMAGE", "COUCHBASE_IMAGE",
                "NGINX_PORT", "CONSUL_UI_PORT", "COMPOSE_FILE", "COMPOSE_PROJECT_NAME")) {
            unset.put(name, null);
        }
        return unset;
    }
}
