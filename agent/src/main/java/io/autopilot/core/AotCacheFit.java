package io.autopilot.core;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * Whether the AOT cache the launcher found served this JVM, and if not, what to do. The launcher leaves out a cache
 * whose time is no longer the agent jar's ({@code autopilot.aot.unfit}) and has the JVM refuse any other quietly
 * ({@code autopilot.aot.cache}, given with the cache): the agent says it once, in its own log, rather than the JVM at
 * every start of every command, on stdout.
 */
final class AotCacheFit {
    private AotCacheFit() {
    }

    /** The warning to log at start, if the agent runs without the cache it was shipped with. */
    static Optional<String> warning(Properties properties) {
        String left = properties.getProperty("autopilot.aot.unfit");
        if (left != null) {
            return Optional.of("the AOT cache " + left + " was made for files with other times: this folder was"
                    + " copied without them (cp -r, some image builders), and the agent starts without it, slower. "
                    + remedy(left) + ", or copy the folder with its times (cp -a, tar)");
        }
        String given = properties.getProperty("autopilot.aot.cache");
        // HotSpot says "sharing" here while classes come from a cache; a refused cache leaves it without any.
        if (given != null && !properties.getProperty("java.vm.info", "").contains("sharing")) {
            return Optional.of("this Java runtime refused the AOT cache " + given + " (made by another runtime or with"
                    + " other flags; AUTOPILOT_AOT=require shows why), and the agent starts without it, slower. "
                    + remedy(given));
        }
        return Optional.empty();
    }

    private static String remedy(String cache) {
        Path home = Path.of(cache).toAbsolutePath().getParent().getParent();
        return "Run " + home.resolve("bin/fit-aot-cache") + " once (in the image's build) to fit it";
    }
}
