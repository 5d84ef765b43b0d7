package io.autopilot.fuzz;

import io.autopilot.fuzz.ConfigMutator.Variant;
import io.autopilot.fuzz.Seeds.Seed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The mutated-configuration experiment, run by hand (see README.md in this folder): mutates the example and test
 * configurations into many variants, loads each as the agent does, and counts how each load ended. Every variant
 * should end loaded or as a problem report with lines: zero stack traces, zero hangs, zero problems without a line.
 *
 * <p>Arguments: the number of variants (2500) and the random seed (1). Exits 1 when any variant ended badly, after
 * printing the first few of each bad kind with the mutations that made them.
 */
public final class MutatedConfigurations {
    private static final int EXAMPLES_SHOWN = 3;

    private MutatedConfigurations() {
    }

    public static void main(String[] args) throws IOException {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 2500;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        Map<ConfigLoad.Verdict, Integer> counts = new EnumMap<>(ConfigLoad.Verdict.class);
        Map<ConfigLoad.Verdict, List<String>> examples = new EnumMap<>(ConfigLoad.Verdict.class);
        List<Seed> seeds = Seeds.all();
        ConfigMutator mutator = new ConfigMutator(new Random(seed));
        Path dir = Files.createTempDirectory("mutated-configurations");
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            Variant variant = mutator.mutate(seeds.get(i % seeds.size()));
            ConfigLoad.Result result;
            try {
                result = ConfigLoad.of(dir, variant.name(), variant.bytes());
            } catch (OutOfMemoryError e) {
                // The load filled the heap while this thread waited for it: the agent would have died the same way.
                result = new ConfigLoad.Result(ConfigLoad.Verdict.STACK_TRACE, e.toString());
            }
            counts.merge(result.verdict(), 1, Integer::sum);
            if (!result.isGood()) {
                List<String> shown = examples.computeIfAbsent(result.verdict(), v -> new ArrayList<>());
                if (shown.size() < EXAMPLES_SHOWN) {
                    shown.add("#" + i + " " + variant.description() + "\n    " + result.detail().replace("\n", "\n    "));
                }
            }
        }
        System.out.printf("%d variants of %d seeds (random seed %d) in %d s:%n", count, seeds.size(), seed,
                (System.nanoTime() - start) / 1_000_000_000);
        for (ConfigLoad.Verdict verdict : ConfigLoad.Verdict.values()) {
            System.out.printf("  %-22s %5d%n", verdict.name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    counts.getOrDefault(verdict, 0));
        }
        examples.forEach((verdict, shown) -> {
            System.out.println(verdict + ":");
            shown.forEach(example -> System.out.println("  " + example));
        });
        boolean clean = examples.isEmpty();
        System.out.println(clean ? "no stack traces, no hangs, no problems without a line" : "FAILED");
        System.exit(clean ? 0 : 1);
    }
}
