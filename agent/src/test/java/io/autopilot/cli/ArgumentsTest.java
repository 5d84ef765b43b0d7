package io.autopilot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArgumentsTest {
    private static Arguments parse(String... args) throws UsageException {
        return Arguments.parse(List.of(args));
    }

    @Test
    void flagsTakeOneOrTwoDashesAndValuesEitherWay() throws UsageException {
        assertThat(parse("-config", "a.json5").config()).contains("a.json5");
        assertThat(parse("--config=b.json5").config()).contains("b.json5");
        assertThat(parse("--config", "c.json5", "--validate").has(Flag.VALIDATE)).isTrue();
        assertThat(parse("-version=false").has(Flag.VERSION)).isFalse();
    }

    @Test
    void putenvAndPutmetricRepeatAndSplitOnTheFirstEquals() throws UsageException {
        Arguments args = parse("-putenv", "A=x=y", "-putenv=B=", "-config", "f");
        assertThat(args.putenv()).containsExactly(java.util.Map.entry("A", "x=y"), java.util.Map.entry("B", ""));
        assertThat(parse("-putmetric", "app_hits=3").putmetric()).containsEntry("app_hits", "3");
    }

    @Test
    void maintenanceTakesOnlyEnableOrDisable() throws UsageException {
        assertThat(parse("-maintenance", "enable").maintenance()).contains(true);
        assertThat(parse("-maintenance=disable").maintenance()).contains(false);
        assertThatThrownBy(() -> parse("-maintenance", "foo"))
                .hasMessage("-maintenance must be \"enable\" or \"disable\", not \"foo\"");
    }

    @Test
    void jobCommandsNameTheirJobWithJob() throws UsageException {
        Arguments args = parse("-job", "web", "-signal", "HUP", "-config", "f");
        assertThat(args.has(Flag.SIGNAL)).isTrue();
        assertThat(args.job()).contains("web");
        assertThat(args.signal()).contains("HUP");
        assertThat(parse("--job=web", "--restart").has(Flag.RESTART)).isTrue();
        assertThatThrownBy(() -> parse("-stop")).hasMessage("-start, -stop, -restart and -signal need -job NAME");
        assertThatThrownBy(() -> parse("-job", "web")).hasMessage("-job goes with -start, -stop, -restart or -signal");
        assertThatThrownBy(() -> parse("-job", "web", "-start", "-stop")).hasMessage("choose one of -start, -stop");
        assertThatThrownBy(() -> parse("-job", "web", "-signal")).hasMessage("-signal needs a value");
        assertThatThrownBy(() -> parse("-status", "-ping")).hasMessageStartingWith("choose one of");
    }

    @Test
    void everythingAfterDoubleDashIsTheMainJob() throws UsageException {
        Arguments args = parse("-config", "f", "--", "app", "-config", "--", "x");
        assertThat(args.command()).containsExactly("app", "-config", "--", "x");
        assertThat(args.config()).contains("f");
    }

    @Test
    void mistakesAreUsageErrorsThatNameTheFlag() {
        assertThatThrownBy(() -> parse("-nope")).hasMessage("unknown flag -nope");
        assertThatThrownBy(() -> parse("-config")).hasMessage("-config needs a value");
        assertThatThrownBy(() -> parse("-putenv", "NOEQUALS")).hasMessage("-putenv takes KEY=VALUE, not \"NOEQUALS\"");
        assertThatThrownBy(() -> parse("app")).hasMessageStartingWith("unexpected argument \"app\"");
        assertThatThrownBy(() -> parse("--")).hasMessageContaining("must be followed by the command");
        assertThatThrownBy(() -> parse("-ping=maybe")).hasMessageContaining("takes no value");
        assertThatThrownBy(() -> parse("-out", "x")).hasMessage("-out goes with -template");
    }

    @Test
    void twoCommandsAreAnErrorButVersionWins() throws UsageException {
        assertThatThrownBy(() -> parse("-reload", "-ping")).hasMessage("choose one of -reload, -ping");
        assertThat(parse("-reload", "-ping", "-version").has(Flag.VERSION)).isTrue();
    }
}
