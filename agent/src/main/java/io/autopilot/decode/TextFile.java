package io.autopilot.decode;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serial;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A text file the agent is configured by (its configuration, a template's source), read as UTF-8 within a size
 * limit. The limit is checked while reading, so a huge file costs no more memory than the limit, and a device that
 * never ends ({@code /dev/zero}) cannot make the read endless. What makes a file unreadable is said with where in it:
 * the line at which it grows past the limit, or the line and column of a byte that is not UTF-8.
 */
public final class TextFile {
    private TextFile() {
    }

    /**
     * The text of {@code file}, named {@code name} in problems.
     *
     * @param limit the most bytes the file may hold
     * @param what what the file is, for the message about its size: {@code "a configuration file"}
     */
    public static String read(Path file, String name, int limit, String what) throws Unreadable {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(limit + 1);
        } catch (NoSuchFileException e) {
            throw new Unreadable(Origin.of(name, 0, 0), "no such file");
        } catch (IOException e) {
            throw new Unreadable(Origin.of(name, 0, 0), "cannot read: " + e.getMessage());
        }
        if (bytes.length > limit) {
            throw new Unreadable(Origin.of(name, lineAt(bytes, limit), 0), "the file is larger than " + limit
                    + " bytes, the limit of " + what + " (it passes the limit on this line)");
        }
        return decode(bytes, name);
    }

    private static String decode(byte[] bytes, String name) throws Unreadable {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int bad = in.position();
            int lineStart = bad;
            while (lineStart > 0 && bytes[lineStart - 1] != '\n') {
                lineStart--;
            }
            // Everything before the bad byte decoded, so the line up to it is text; columns count its characters.
            String before = new String(bytes, lineStart, bad - lineStart, StandardCharsets.UTF_8);
            int column = before.codePointCount(0, before.length()) + 1;
            throw new Unreadable(Origin.of(name, lineAt(bytes, bad), column), String.format(
                    "not UTF-8 text: byte 0x%02X here does not belong to a UTF-8 character", bytes[bad] & 0xff));
        }
        return out.flip().toString();
    }

    /** The 1-based line of the byte at {@code index}. */
    private static int lineAt(byte[] bytes, int index) {
        int line = 1;
        for (int i = 0; i < index && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The file cannot be used: where (file, and line and column when they are known) and why. */
    public static final class Unreadable extends Exception {
        @Serial
        private static final long serialVersionUID = 1L;
        // Origin is a record that is not Serializable; nobody serializes this exception.
        private final transient Origin origin;
        private final String reason;

        Unreadable(Origin origin, String reason) {
            super(origin.position() + ": " + reason, null, false, false);
            this.origin = origin;
            this.reason = reason;
        }

        public Origin origin() {
            return origin;
        }

        public String reason() {
            return reason;
        }
    }
}
