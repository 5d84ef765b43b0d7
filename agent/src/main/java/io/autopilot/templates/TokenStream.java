package io.autopilot.templates;

import io.autopilot.templates.Token.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * The lexer's tokens with unlimited look-ahead: the parser peeks, marks and backs up freely, within a statement.
 * Between statements it {@link #forget}s what it has read, so a long template is never held as tokens all at once.
 */
final class TokenStream {
    private final Lexer lexer;
    private final List<Token> seen = new ArrayList<>();
    private int index;

    TokenStream(Lexer lexer) {
        this.lexer = lexer;
    }

    Token next() {
        if (index == seen.size()) {
            seen.add(lexer.next());
        }
        return seen.get(index++);
    }

    Token nextNonSpace() {
        Token token = next();
        while (token.type() == Type.SPACE) {
            token = next();
        }
        return token;
    }

    Token peek() {
        Token token = next();
        index--;
        return token;
    }

    Token peekNonSpace() {
        int mark = index;
        Token token = nextNonSpace();
        index = mark;
        return token;
    }

    void backup() {
        index--;
    }

    int mark() {
        return index;
    }

    void reset(int mark) {
        index = mark;
    }

    /** Drops the tokens already read; marks taken before are no longer valid. */
    void forget() {
        seen.subList(0, index).clear();
        index = 0;
    }
}
