package io.autopilot.decode;

/**
 * Where a value was written: the file's name as the user gave it, and a 1-based line and column (0 when unknown, for
 * values that come from the environment or from defaults).
 */
public record Origin(String file, int line, int column) {
    public static final Origin UNKNOWN = new Origin("", 0, 0);

    public static Origin of(String file, int line, int column) {
        return new Origin(file, line, column);
    }

    /** {@code app.json5:14:7}: with the column when it is known, as compilers print a position. */
    public String position() {
        return column <= 0 || line <= 0 ? toString() : toString() + ":" + column;
    }

    /** {@code app.json5:14}, or the file alone when the line is unknown. */
    @Override
    public String toString() {
        if (line <= 0) {
            return file;
        }
        return file + ":" + line;
    }
}
