package io.autopilot.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigResolver;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import io.autopilot.decode.EnvironmentValues;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment as HOCON's {@code ${NAME}} sees it, once the file itself has no key {@code NAME}: one variable per
 * substitution, looked up by name. The environment is never made a configuration object of its own that the file
 * falls back to: Typesafe prints the objects it resolves against in some of its errors (a key written twice, the
 * second time as {@code ${?NAME}}, failed with the whole environment in its message), and here it only ever holds the
 * values the file asked for. Each value it hands out is noted, with the lines that asked for it, so that no error
 * shows it.
 */
final class HoconEnvironment implements ConfigResolver {
    private final Map<String, String> environment;
    private final RenderedSource source;
    private final EnvironmentValues values;

    HoconEnvironment(Map<String, String> environment, RenderedSource source, EnvironmentValues values) {
        this.environment = environment;
        this.source = source;
        this.values = values;
    }

    @Override
    public ConfigValue lookup(String path) {
        String value = variable(path);
        if (value == null) {
            return null;
        }
        noteLines(path, value);
        return ConfigValueFactory.fromAnyRef(value, "the environment");
    }

    /** A path of one key names a variable ({@code ${"my.var"}} for a name with a dot); a longer path none. */
    private String variable(String path) {
        try {
            List<String> keys = ConfigUtil.splitPath(path);
            return keys.size() == 1 ? environment.get(keys.getFirst()) : null;
        } catch (ConfigException e) {
            return null;
        }
    }

    private void noteLines(String path, String value) {
        Matcher substitution = Pattern.compile("\\$\\{\\??\\s*" + Pattern.quote(path) + "\\s*}").matcher(source.text());
        boolean found = false;
        while (substitution.find()) {
            values.add(value, source.origin(substitution.start()).line());
            found = true;
        }
        if (!found) {
            values.add(value, 0);
        }
    }

    @Override
    public ConfigResolver withFallback(ConfigResolver fallback) {
        return this; // nothing falls back behind the agent's environment: never the JVM's own
    }
}
