package io.autopilot.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderClasspath;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigIncluderURL;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import io.autopilot.decode.EnvironmentValues;
import io.autopilot.decode.Node;
import java.io.File;
import java.net.URL;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import java.util.regex.Pattern;

/**
 * Parses HOCON, and so JSON, with Typesafe Config, resolves its substitutions, and turns the result into a
 * {@link Node} tree with the line of each value.
 *
 * <p>{@code ${NAME}} and {@code ${?NAME}} look first in the file itself, then in the environment the caller passes
 * (the agent's own, which it changes with {@code putenv}; never {@code System.getenv()}), through
 * {@link HoconEnvironment}. Each variable is one key, so a name with a dot must be quoted: {@code ${"my.var"}}.
 * {@code ${?NAME}} of an unset variable leaves the key out, or keeps the value the key had before it (HOCON's
 * default-then-override idiom, {@code port = 8080} then {@code port = ${?PORT}}); {@code ${NAME}} is an error that
 * names the variable and the line.
 *
 * <p>What HOCON accepts, compared with JSON5 (each pinned by a test in {@code HoconParserTest}): {@code //} and
 * {@code #} comments but not {@code /* … *}{@code /}, unquoted keys (also {@code a-b} and paths {@code a.b.c}, which nest), trailing commas in
 * objects and arrays, {@code =} or {@code :}, and unquoted text ({@code interval = 5s} is the string "5s"). It does
 * not know single quotes: {@code 'x'} is unquoted text, the three characters {@code 'x'}, quotes included, with no
 * error. Hex numbers, {@code .5}, Infinity and NaN are text too, and {@code +5} is an error. A key written twice
 * merges when both values are objects and otherwise keeps the last value. Typesafe keeps no written form of numbers:
 * {@code 5.0} and {@code 1e3} arrive as the integers 5 and 1000.
 *
 * <p>{@code include} is refused: Typesafe silently skips an include whose file is missing, and values from another
 * file would carry this file's name.
 */
public final class HoconParser {
    private static final ConfigResolveOptions RESOLVE = ConfigResolveOptions.defaults().setUseSystemEnvironment(false);

    private HoconParser() {
    }

    /**
     * Parses {@code text}, the rendered template of {@code file}; {@code sourceLine} maps a line of the text to the
     * line of the file it came from.
     *
     * @throws ConfigSyntaxException for a parse error or a substitution that cannot be resolved
     */
    public static Node parse(String text, String file, IntUnaryOperator sourceLine, Map<String, String> environment) {
        RenderedSource source = new RenderedSource(text, file, sourceLine);
        return parse(source, environment, new EnvironmentValues(file));
    }

    /** Parses {@code source}; each value its substitutions take from {@code environment} is noted in {@code values}. */
    static Node parse(RenderedSource source, Map<String, String> environment, EnvironmentValues values) {
        String text = source.text();
        HoconShape.check(text, source);
        try {
            Config written = ConfigFactory.parseString(text, ConfigParseOptions.defaults()
                    .setOriginDescription(source.file()).setSyntax(ConfigSyntax.CONF)
                    .setIncluder(new IncludeRefusal()));
            Config resolved = written.resolve(RESOLVE.appendResolver(new HoconEnvironment(environment, source,
                    values)));
            return HoconTree.convert(resolved.root(), written.root(), source);
        } catch (ConfigException e) {
            throw HoconErrors.translate(e, source);
        } catch (IncludeRefused e) {
            throw source.errorAtLine(lineOfInclude(text, e.what), "'include' is not supported: write the whole"
                    + " configuration in this file");
        }
    }

    private static int lineOfInclude(String text, String what) {
        Pattern include = Pattern.compile("\\binclude\\b.*" + Pattern.quote(what));
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (include.matcher(lines[i]).find()) {
                return i + 1;
            }
        }
        return 0;
    }

    private static final class IncludeRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String what;

        IncludeRefused(String what) {
            super("include of " + what, null, false, false);
            this.what = what;
        }
    }

    private static final class IncludeRefusal
            implements ConfigIncluder, ConfigIncluderFile, ConfigIncluderURL, ConfigIncluderClasspath {
        @Override
        public ConfigIncluder withFallback(ConfigIncluder fallback) {
            return this;
        }

        @Override
        public ConfigObject include(ConfigIncludeContext context, String what) {
            throw new IncludeRefused(what);
        }

        @Override
        public ConfigObject includeFile(ConfigIncludeContext context, File file) {
            throw new IncludeRefused(file.getPath());
        }

        @Override
        public ConfigObject includeURL(ConfigIncludeContext context, URL url) {
            throw new IncludeRefused(url.toString());
        }

        @Override
        public ConfigObject includeResources(ConfigIncludeContext context, String resource) {
            throw new IncludeRefused(resource);
        }
    }
}
