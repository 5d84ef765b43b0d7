package io.autopilot.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShellWordsTest {
    @Test
    void whitespaceSeparatesWordsAndRunsOfItCollapse() {
        assertThat(ShellWords.split("  /bin/app  --port\t80 ")).containsExactly("/bin/app", "--port", "80");
    }

    @Test
    void quotesKeepSpacesAndAreRemoved() {
        assertThat(ShellWords.split("echo 'a b' \"c d\" e\\ f")).containsExactly("echo", "a b", "c d", "e f");
        assertThat(ShellWords.split("say 'it''s'")).containsExactly("say", "its");
        assertThat(ShellWords.split("x \"a \\\"q\\\" \\\\ \\n\"")).containsExactly("x", "a \"q\" \\ \\n");
    }

    @Test
    void emptyQuotesMakeAnEmptyArgument() {
        assertThat(ShellWords.split("app '' end")).containsExactly("app", "", "end");
    }

    @Test
    void nothingIsExpanded() {
        assertThat(ShellWords.split("echo $HOME * ~")).containsExactly("echo", "$HOME", "*", "~");
    }

    @Test
    void unterminatedQuotesAreErrorsThatSayWhere() {
        assertThatThrownBy(() -> ShellWords.split("echo 'oops")).hasMessage("unterminated single quote at character 6");
        assertThatThrownBy(() -> ShellWords.split("echo \"oops")).hasMessage("unterminated double quote at character 6");
    }

    @Test
    void bareShellOperatorsAreFoundButQuotedOnesAreNot() {
        assertThat(ShellWords.shellOperator("consul info | grep leader")).contains("|");
        assertThat(ShellWords.shellOperator("a && b")).contains("&&");
        assertThat(ShellWords.shellOperator("grep -E 'a|b' file")).isEmpty();
        assertThat(ShellWords.shellOperator("app --flag=x")).isEmpty();
    }
}
