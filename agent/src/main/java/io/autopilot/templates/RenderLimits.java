package io.autopilot.templates;

import java.time.Duration;

/**
 * The bounds every parse and render keeps, whatever the template and its data. The agent runs in a 32 MB heap with
 * 256 KiB thread stacks, and renders its configuration and its files from text and Consul values that anyone with
 * write access may set; a template that loops for ever, builds a gigabyte string or nests a thousand levels deep must
 * end as a {@link TemplateException} that names its line, never as an {@link OutOfMemoryError}, a
 * {@link StackOverflowError} or a render that never returns. Each bound is far above what a real template needs.
 */
public final class RenderLimits {
    /** Characters one render may write, and that any one string a function builds may hold: 1 MiB. */
    public static final int MAX_TEXT = 1 << 20;

    /** Elements of a list a function builds ({@code loop}, {@code split}, {@code slice}). */
    public static final int MAX_ELEMENTS = 100_000;

    /** Iterations of every {@code range} of one render together, so nested loops cannot multiply without end. */
    public static final long MAX_ITERATIONS = 100_000;

    /**
     * Go's own bound on a format's width and precision ({@code fmt}'s {@code tooLarge}): beyond it Go prints
     * {@code %!(BADWIDTH)} or {@code %!(BADPREC)} instead of padding.
     */
    public static final int MAX_WIDTH = 1_000_000;

    /**
     * Control structures, parentheses and template calls inside one another. Each level costs the parser or the
     * executor a few stack frames; on a 256 KiB stack about a hundred levels fit (measured with C1, the agent's
     * compiler), so this leaves room for what the caller already holds and for what a function call adds.
     */
    public static final int MAX_NESTING = 32;

    /** How long one render may run: a template that has not finished by then never will, or not usefully. */
    public static final Duration MAX_TIME = Duration.ofSeconds(2);

    private RenderLimits() {
    }

    /** Stops a function before it builds a string longer than {@link #MAX_TEXT}. */
    public static void checkText(long length, String what) {
        if (length > MAX_TEXT) {
            throw new ArgumentException(what + ": the result would be longer than " + MAX_TEXT
                    + " characters, the limit of a string in a template");
        }
    }

    /** Stops a function before it builds a list longer than {@link #MAX_ELEMENTS}. */
    public static void checkElements(long count, String what) {
        if (count > MAX_ELEMENTS) {
            throw new ArgumentException(what + ": " + count + " elements are more than " + MAX_ELEMENTS
                    + ", the limit of a list in a template");
        }
    }
}
