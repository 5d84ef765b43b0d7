package io.autopilot.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class AotCacheFitTest {
    private static Properties properties(Map<String, String> values) {
        Properties properties = new Properties();
        properties.putAll(values);
        return properties;
    }

    @Test
    void aCacheTheLauncherLeftOutIsReportedWithTheWayToFitIt() {
        var warning = AotCacheFit.warning(properties(Map.of("autopilot.aot.unfit", "/opt/ap/lib/autopilot.aot",
                "java.vm.info", "mixed mode")));
        assertThat(warning).hasValueSatisfying(text -> assertThat(text)
                .contains("AOT cache /opt/ap/lib/autopilot.aot was made for files with other times")
                .contains("Run /opt/ap/bin/fit-aot-cache once").contains("cp -a"));
    }

    @Test
    void aCacheTheJvmRefusedIsReported() {
        var warning = AotCacheFit.warning(properties(Map.of("autopilot.aot.cache", "/opt/ap/lib/autopilot.aot",
                "java.vm.info", "mixed mode")));
        assertThat(warning).hasValueSatisfying(text -> assertThat(text)
                .contains("refused the AOT cache /opt/ap/lib/autopilot.aot").contains("AUTOPILOT_AOT=require")
                .contains("Run /opt/ap/bin/fit-aot-cache once"));
    }

    @Test
    void aCacheInUseOrNoneAtAllIsNotReported() {
        assertThat(AotCacheFit.warning(properties(Map.of("autopilot.aot.cache", "/opt/ap/lib/autopilot.aot",
                "java.vm.info", "mixed mode, sharing")))).isEmpty();
        assertThat(AotCacheFit.warning(properties(Map.of("java.vm.info", "mixed mode")))).isEmpty();
    }
}
