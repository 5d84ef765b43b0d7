package io.autopilot.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autopilot.config.ConfigException;
import io.autopilot.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlConfigTest {
    @TempDir
    Path dir;

    private ControlConfig load(String json5) throws Exception {
        Path file = Files.writeString(dir.resolve("c.json5"), json5);
        return new ConfigLoader(Map.of()).load(file).control();
    }

    @Test
    void theSocketIsContainerPilotsAndOwnerOnlyByDefault() throws Exception {
        assertThat(load("{}")).isEqualTo(new ControlConfig("/var/run/containerpilot.socket", 0600));
        assertThat(ControlConfig.DEFAULT.permissions()).hasToString("[OWNER_READ, OWNER_WRITE]");
    }

    @Test
    void aModeIsAnOctalString() throws Exception {
        assertThat(load("{ control: { socket: '/tmp/a.sock', mode: '0660' } }").mode()).isEqualTo(0660);
        assertThat(load("{ control: { mode: '644' } }").mode()).isEqualTo(0644);
        assertThatThrownBy(() -> load("{ control: { mode: '0999' } }")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("control.mode").hasMessageContaining("not an octal file mode");
    }
}
