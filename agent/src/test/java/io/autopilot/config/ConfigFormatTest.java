package io.autopilot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

class ConfigFormatTest {
    @Test
    void json5AndEveryUnknownOrMissingExtensionAreJson5AsInContainerPilot() {
        assertThat(ConfigFormat.of("app.json5")).isEqualTo(ConfigFormat.JSON5);
        assertThat(ConfigFormat.of("/etc/containerpilot.json5")).isEqualTo(ConfigFormat.JSON5);
        assertThat(ConfigFormat.of("containerpilot")).isEqualTo(ConfigFormat.JSON5);
        assertThat(ConfigFormat.of("app.yaml")).isEqualTo(ConfigFormat.JSON5);
        assertThat(ConfigFormat.of("/etc/app.conf.d/settings")).isEqualTo(ConfigFormat.JSON5);
        assertThat(ConfigFormat.of(".conf")).as("a hidden file has no extension").isEqualTo(ConfigFormat.JSON5);
    }

    @Test
    void confAndHoconAreHoconWhateverTheirCase() {
        assertThat(ConfigFormat.of("app.conf")).isEqualTo(ConfigFormat.HOCON);
        assertThat(ConfigFormat.of("/etc/app.hocon")).isEqualTo(ConfigFormat.HOCON);
        assertThat(ConfigFormat.of("APP.CONF")).isEqualTo(ConfigFormat.HOCON);
    }

    @Test
    void jsonStaysJson5AsInContainerPilotWhoseUsersWroteSingleQuotesInIt() {
        assertThat(ConfigFormat.of("containerpilot.json")).isEqualTo(ConfigFormat.JSON5);
        assertThat(ConfigFormat.of("APP.JSON")).isEqualTo(ConfigFormat.JSON5);
    }

    @Test
    void eachFormatParsesWithItsOwnParser() {
        Map<String, String> environment = Map.of("PORT", "80");

        assertThat(PlainValues.of(ConfigFormat.HOCON.parse("port = ${PORT}", "app.conf", IntUnaryOperator.identity(),
                environment))).isEqualTo(Map.of("port", "80"));
        assertThat(PlainValues.of(ConfigFormat.JSON5.parse("{ port: 0x50 }", "app.json5", IntUnaryOperator.identity(),
                environment))).isEqualTo(Map.of("port", 80.0));
        assertThatThrownBy(() -> ConfigFormat.JSON5.parse("port = ${PORT}", "app", IntUnaryOperator.identity(),
                environment)).isInstanceOf(ConfigSyntaxException.class);
    }
}
