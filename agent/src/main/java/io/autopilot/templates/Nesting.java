package io.autopilot.templates;

import java.util.function.IntFunction;

/**
 * How deep a parse or a render is inside structures that the code follows by recursion, so that it stops with an
 * error at {@link RenderLimits#MAX_NESTING} instead of running out of stack. One counter serves every kind of level
 * (a control structure, a parenthesized pipeline, a template call), because they all recurse on the same stack.
 */
final class Nesting {
    private final IntFunction<TemplateException> tooDeep;
    private int depth;

    /** @param tooDeep the error for a level opened at the given position, once the limit is reached */
    Nesting(IntFunction<TemplateException> tooDeep) {
        this.tooDeep = tooDeep;
    }

    /** Opens a level at {@code pos}; every call must be matched by {@link #leave()}. */
    void enter(int pos) {
        if (depth >= RenderLimits.MAX_NESTING) {
            throw tooDeep.apply(pos);
        }
        depth++;
    }

    void leave() {
        depth--;
    }
}
