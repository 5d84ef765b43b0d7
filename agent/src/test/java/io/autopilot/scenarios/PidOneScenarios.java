package io.autopilot.scenarios;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;

/**
 * Gives each test method a {@link Scenario} and ends its agents afterwards, pass or fail. Skips (does not fail) the
 * scenarios where they cannot run: without the packaged agent, or where {@code unshare} cannot make a pid namespace
 * (not root, or a sandbox that forbids it).
 */
public final class PidOneScenarios implements ParameterResolver, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Scenario.class);
    private static volatile String unavailable;

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Scenario.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Path dist = dist();
        String why = unavailable();
        if (!why.isEmpty()) {
            throw new TestAbortedException(why);
        }
        Scenario scenario = Scenario.create(dist, context.getRequiredTestClass(),
                context.getRequiredTestMethod().getName());
        context.getStore(NAMESPACE).put(Scenario.class, scenario);
        return scenario;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Scenario scenario = context.getStore(NAMESPACE).remove(Scenario.class, Scenario.class);
        if (scenario != null) {
            scenario.close();
        }
    }

    /** The packaged agent that failsafe names; the calling test is skipped (aborted) without it. */
    public static Path dist() {
        String property = System.getProperty("autopilot.dist");
        if (property == null || !Files.isExecutable(Path.of(property, "bin/autopilot"))) {
            throw new TestAbortedException("scenarios run the packaged agent: run them through failsafe (mvn verify),"
                    + " which sets autopilot.dist; it is " + property);
        }
        return Path.of(property);
    }

    /** Why agents cannot run as PID 1 of their own namespaces here; empty where they can. */
    public static String unavailable() {
        if (unavailable == null) {
            unavailable = probe();
        }
        return unavailable;
    }

    private static String probe() {
        try {
            Process process = new ProcessBuilder("unshare", "--pid", "--fork", "--mount-proc", "--uts", "true")
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "unshare --pid --fork --mount-proc --uts true did not finish within 10 s";
            }
            return process.exitValue() == 0 ? "" : "scenarios need pid namespaces, and unshare --pid --fork"
                    + " --mount-proc --uts failed here (root is required): " + output.strip();
        } catch (IOException e) {
            return "scenarios need unshare (util-linux) to run the agent as PID 1: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while probing unshare";
        }
    }
}
