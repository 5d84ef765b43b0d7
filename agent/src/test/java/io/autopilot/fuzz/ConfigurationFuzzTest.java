package io.autopilot.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.fuzz.ConfigMutator.Variant;
import io.autopilot.fuzz.Seeds.Seed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The whole configuration pipeline (read, render, parse, decode), given the example and test configurations mutated
 * as {@link ConfigMutator} does: each loads, or is a problem report in which every problem has a line.
 * {@link MutatedConfigurations} runs the same mutations many more times, by hand.
 */
class ConfigurationFuzzTest {
    private static List<Seed> seeds;
    private static Path dir;

    @BeforeContainer
    static void readSeeds() throws Exception {
        seeds = Seeds.all();
        dir = Files.createTempDirectory("configuration-fuzz");
    }

    @AfterContainer
    static void removeDirectory() throws Exception {
        Files.deleteIfExists(dir);
    }

    @Property
    void loadsOrReportsProblemsThatEachHaveALine(@ForAll("variants") Variant variant) throws Exception {
        ConfigLoad.Result result = ConfigLoad.of(dir, variant.name(), variant.bytes());

        assertThat(result.isGood()).as(result.verdict() + " for " + variant.description() + "\n" + result.detail())
                .isTrue();
    }

    @Provide
    Arbitrary<Variant> variants() {
        return Arbitraries.longs().map(seed -> {
            Random random = new Random(seed);
            return new ConfigMutator(random).mutate(seeds.get(random.nextInt(seeds.size())));
        });
    }
}
