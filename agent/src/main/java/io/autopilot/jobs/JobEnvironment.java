package io.autopilot.jobs;

import io.autopilot.decode.Fields;
import io.autopilot.decode.Node;
import io.autopilot.users.Account;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Which of the agent's environment variables a job's processes (its runs and its health check) get, and which it
 * sets itself. By default a job gets the whole environment, as in ContainerPilot; with {@code passEnv} only the
 * variables it names (a name, or a prefix ending in {@code *}), so that a secret given to the agent, a Consul token,
 * reaches only the jobs that ask for it. The variables the agent makes ({@code CONTAINERPILOT_*}) are always passed,
 * a job run as another {@code user} gets that user's {@code HOME}, {@code USER} and {@code LOGNAME}, and {@code env}
 * comes last, over everything.
 *
 * @param passEnv the names and prefixes passed; empty to pass everything
 * @param set the variables of {@code env}
 */
public record JobEnvironment(Optional<List<String>> passEnv, Map<String, String> set) {
    /** Everything passed, nothing set. */
    public static final JobEnvironment INHERIT = new JobEnvironment(Optional.empty(), Map.of());
    private static final String AGENT_PREFIX = "CONTAINERPILOT_";

    public JobEnvironment {
        passEnv = passEnv.map(List::copyOf);
        set = Map.copyOf(set);
    }

    /** The environment of one process: {@code shared} (the agent's and its own variables) as the job's keys say. */
    public Map<String, String> of(Map<String, String> shared, Optional<Account> account) {
        Map<String, String> environment = new TreeMap<>();
        shared.forEach((name, value) -> {
            if (passes(name)) environment.put(name, value);
        });
        account.ifPresent(user -> environment.putAll(user.environment()));
        environment.putAll(set);
        return environment;
    }

    private boolean passes(String name) {
        return passEnv.isEmpty() || name.startsWith(AGENT_PREFIX) || passEnv.get().stream().anyMatch(pattern ->
                pattern.endsWith("*") ? name.startsWith(pattern.substring(0, pattern.length() - 1))
                        : name.equals(pattern));
    }

    /** Reads {@code passEnv} and {@code env} of a job. */
    static JobEnvironment decode(Fields job) {
        Optional<List<String>> passEnv = job.strings("passEnv");
        passEnv.ifPresent(patterns -> patterns.stream().filter(p -> !validName(p.endsWith("*")
                ? p.substring(0, p.length() - 1) : p) && !p.equals("*")).forEach(p -> job.problem("passEnv",
                "'" + p + "' is not a variable name, nor a prefix ending in '*' (no '=', NUL or other '*')")));
        Map<String, String> set = job.node("env").map(node -> variables(job, node)).orElse(Map.of());
        return new JobEnvironment(passEnv, set);
    }

    private static Map<String, String> variables(Fields job, Node node) {
        if (!(node instanceof Node.ObjectNode object)) {
            job.problem("env", "must be an object of variables (NAME: \"value\"), not " + node.kind());
            return Map.of();
        }
        Map<String, String> variables = new LinkedHashMap<>();
        object.fields().forEach((name, value) -> {
            Consumer<String> problem = message -> job.problems().add(job.path("env").key(name), value.origin(),
                    message);
            if (!validName(name)) problem.accept("is not a variable name: not empty, no '=', NUL or '*'");
            Fields.text(value).filter(text -> text.indexOf('\0') < 0).ifPresentOrElse(
                    text -> variables.put(name, text),
                    () -> problem.accept("must be a string without NUL, not " + value.kind()));
        });
        return variables;
    }

    private static boolean validName(String name) {
        return !name.isEmpty() && name.chars().noneMatch(c -> c == '=' || c == 0 || c == '*');
    }
}
