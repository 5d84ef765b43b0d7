package io.autopilot.templates;

import java.io.Serial;

/** A render error worded completely by whoever threw it; the executor adds only where it happened. */
final class RenderFailure extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    RenderFailure(String reason) {
        super(reason, null, false, false);
    }

    RenderFailure(String reason, Throwable cause) {
        super(reason, cause, false, false);
    }
}
