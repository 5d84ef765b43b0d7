package io.autopilot.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {
    private final List<String> lines = new ArrayList<>();
    private final LineSplitter splitter = new LineSplitter(lines::add);

    @Test
    void joinsLinesThatArriveAcrossSeveralReads() {
        feed("fir");
        feed("st\nsec");
        feed("ond\n\nthird\n");

        assertThat(lines).containsExactly("first", "second", "", "third");
    }

    @Test
    void dropsTheCarriageReturnOfACrLfLine() {
        feed("dos\r\nunix\n");

        assertThat(lines).containsExactly("dos", "unix");
    }

    @Test
    void deliversALastLineWithoutTerminatorAtEndOfFile() {
        feed("done\nno newline");
        splitter.finish();

        assertThat(lines).containsExactly("done", "no newline");
    }

    @Test
    void keepsALineOfExactlyTheMaximumLengthWhole() {
        feed("a".repeat(LineSplitter.MAX_LINE) + "\n");

        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst()).hasSize(LineSplitter.MAX_LINE);
    }

    @Test
    void cutsALongerLineIntoPiecesBetweenCharacters() {
        // A two-byte 'é' straddles the limit: the cut goes before it, so both pieces stay valid UTF-8.
        var line = "a".repeat(LineSplitter.MAX_LINE - 1) + "é" + "tail";
        feed(line + "\n");

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).hasSize(LineSplitter.MAX_LINE - 1).doesNotContain("\uFFFD");
        assertThat(lines.get(1)).isEqualTo("étail");
        assertThat(String.join("", lines)).isEqualTo(line);
    }

    @Test
    void replacesInvalidUtf8InsteadOfFailing() {
        splitter.accept(new byte[] {'o', 'k', (byte) 0xff, '\n'}, 0, 4);

        assertThat(lines).containsExactly("ok\uFFFD");
    }

    private void feed(String text) {
        var bytes = text.getBytes(StandardCharsets.UTF_8);
        splitter.accept(bytes, 0, bytes.length);
    }
}
