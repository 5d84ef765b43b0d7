package io.autopilot.testing.docker;

import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** {@link ContainerTest}: asks for a daemon once per class and method, then skips or fails without one. */
final class DockerExtension implements BeforeAllCallback, BeforeEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DockerExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        requireDaemon(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        requireDaemon(context);
    }

    private static void requireDaemon(ExtensionContext context) {
        @SuppressWarnings("unchecked")
        Optional<String> missing = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("daemon", key -> Docker.unavailable(), Optional.class);
        if (missing.isEmpty()) {
            return;
        }
        String why = "no Docker daemon: " + missing.get();
        if ("required".equals(System.getenv("AUTOPILOT_CONTAINERS"))) {
            throw new IllegalStateException(why + " (AUTOPILOT_CONTAINERS=required: the script that runs the tests"
                    + " had one)");
        }
        Assumptions.abort(why + "; scripts/test-containers.sh starts one");
    }
}
