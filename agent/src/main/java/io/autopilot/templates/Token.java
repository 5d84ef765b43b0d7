package io.autopilot.templates;

/** One lexical item of a template: its type, its text as written, and the offset where it starts. */
record Token(Type type, String text, int pos) {
    enum Type {
        TEXT, LEFT_DELIM, RIGHT_DELIM, SPACE, IDENTIFIER, FIELD, VARIABLE, BOOL, NUMBER, CHAR_CONSTANT, STRING,
        RAW_STRING, PIPE, LEFT_PAREN, RIGHT_PAREN, DECLARE, ASSIGN,
        /** Any other printable ASCII character, such as the comma of {@code range $i, $e :=}. */
        CHAR,
        EOF,
        // Keywords, shown in messages as <name> like Go does.
        BLOCK, BREAK, CONTINUE, DOT, DEFINE, ELSE, END, IF, NIL, RANGE, TEMPLATE, WITH;

        boolean isKeyword() {
            return ordinal() >= BLOCK.ordinal();
        }
    }

    /** As Go's parser names an item in "unexpected X in Y" messages. */
    @Override
    public String toString() {
        if (type == Type.EOF) {
            return "EOF";
        }
        if (type.isKeyword()) {
            return "<" + text + ">";
        }
        if (text.codePointCount(0, text.length()) > 10) {
            return GoQuote.quote(text.substring(0, text.offsetByCodePoints(0, 10))) + "...";
        }
        return GoQuote.quote(text);
    }
}
