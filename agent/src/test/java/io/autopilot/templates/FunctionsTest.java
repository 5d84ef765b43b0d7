package io.autopilot.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionsTest {
    record Instance(String address, int port) {
    }

    @Test
    void callersAddFunctionsSuchAsConsulLookups() {
        Map<String, List<Instance>> catalog = Map.of("app", List.of(new Instance("10.0.0.1", 80),
                new Instance("10.0.0.2", 81)));
        Functions functions = Functions.containerPilot(name -> null)
                .with("service", 1, args -> catalog.getOrDefault(Arguments.string(args[0]), List.of()));
        Template template = Template.parse("upstream.conf",
                "{{ range service \"app\" }}server {{ .Address }}:{{ .Port }};\n{{ end }}", functions);

        assertThat(template.render(null)).isEqualTo("server 10.0.0.1:80;\nserver 10.0.0.2:81;\n");
    }

    @Test
    void addingAFunctionLeavesTheOriginalTableUnchanged() {
        Functions builtins = Functions.builtins();
        Functions extended = builtins.with("extra", args -> "x");
        assertThat(extended.has("extra")).isTrue();
        assertThat(builtins.has("extra")).isFalse();
        assertThat(builtins.has("env")).isFalse();
        assertThat(Functions.containerPilot(name -> null).has("env")).isTrue();
    }

    @Test
    void aFunctionMayReplaceABuiltin() {
        Functions functions = Functions.builtins().with("len", 1, args -> "custom");
        assertThat(Template.parse("t", "{{ len 1 }}", functions).render(null)).isEqualTo("custom");
    }

    @Test
    void argumentCountsAreCheckedWithGoWording() {
        Functions functions = Functions.builtins()
                .with("two", 2, args -> "ok")
                .with("some", 1, 3, args -> "ok")
                .with("many", 2, Functions.VARIADIC, args -> "ok");
        assertThatThrownBy(() -> Template.parse("t", "{{ two 1 }}", functions).render(null))
                .hasMessageEndingWith("wrong number of args for two: want 2 got 1");
        assertThatThrownBy(() -> Template.parse("t", "{{ some }}", functions).render(null))
                .hasMessageEndingWith("wrong number of args for some: want 1 to 3 got 0");
        assertThatThrownBy(() -> Template.parse("t", "{{ 1 | many }}", functions).render(null))
                .hasMessageEndingWith("wrong number of args for many: want at least 2 got 1");
    }

    @Test
    void argumentExceptionsAreReportedAsWorded() {
        Functions functions = Functions.builtins().with("port", 1, args -> Arguments.integer(args[0]));
        assertThatThrownBy(() -> Template.parse("t", "{{ port \"80\" }}", functions).render(null))
                .hasMessageEndingWith("at <port>: wrong type for value; expected int; got string");
    }

    @Test
    void unusableNamesAndCountsAreRejected() {
        assertThatThrownBy(() -> Functions.builtins().with("bad-name", args -> null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Functions.builtins().with("f", 2, 1, args -> null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsedTemplatesRenderConcurrently() throws InterruptedException {
        Template template = Template.parse("t", "{{ range loop 50 }}{{ . }}{{ end }}", Functions.containerPilot(n -> null));
        String expected = template.render(null);
        List<Thread> threads = new java.util.ArrayList<>();
        java.util.Queue<String> results = new java.util.concurrent.ConcurrentLinkedQueue<>();
        for (int i = 0; i < 8; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                for (int j = 0; j < 100; j++) {
                    results.add(template.render(null));
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(results).hasSize(800).containsOnly(expected);
    }
}
