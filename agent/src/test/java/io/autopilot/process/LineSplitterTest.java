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
    void keepsALineOfExactlyTheLimitWhole() {
        feed("a".repeat(LineSplitter.LIMIT) + "\n");

        assertThat(lines).containsExactly("a".repeat(LineSplitter.LIMIT));
    }

    @Test
    void cutsALongerLineIntoMarkedPiecesBetweenCharacters() {
        // A two-byte 'é' straddles the limit: the cut goes before it, so both pieces stay valid UTF-8.
        var line = "a".repeat(LineSplitter.LIMIT - 1) + "é" + "tail";
        feed(line + "\n");

        assertThat(lines).containsExactly("a".repeat(LineSplitter.LIMIT - 1) + LineSplitter.CONTINUED, "étail");
    }

    @Test
    void neverHoldsMoreThanOnePieceOfAnEndlessLine() {
        var chunk = "z".repeat(10_000).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 1000; i++) {
            splitter.accept(chunk, 0, chunk.length);
        }

        assertThat(lines).hasSize(10_000_000 / LineSplitter.LIMIT)
                .allMatch(piece -> piece.equals("z".repeat(LineSplitter.LIMIT) + LineSplitter.CONTINUED));
    }

    @Test
    void aSinkThatThrowsLosesItsLineButNotTheNext() {
        var kept = new ArrayList<String>();
        var failing = new LineSplitter(line -> {
            if (line.equals("bad")) throw new IllegalStateException("sink failure for the test");
            kept.add(line);
        });
        var bytes = "bad\ngood\n".getBytes(StandardCharsets.UTF_8);

        try {
            failing.accept(bytes, 0, 4);
        } catch (IllegalStateException expected) {
            failing.accept(bytes, 4, 5);
        }

        assertThat(kept).containsExactly("good");
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
