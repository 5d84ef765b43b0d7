package io.autopilot.control;

import io.vertx.core.json.JsonObject;

/**
 * One answer of the control plane. ContainerPilot's endpoints answer {@code 200} with a body of {@code "\n"}; errors
 * carry a one-line message for the user (ContainerPilot sent bare status codes).
 */
record Reply(int status, String contentType, String body) {
    private static final String TEXT = "text/plain; charset=utf-8";

    static Reply ok() {
        return new Reply(200, TEXT, "\n");
    }

    static Reply text(int status, String message) {
        return new Reply(status, TEXT, message + "\n");
    }

    static Reply json(JsonObject document) {
        return new Reply(200, "application/json", document.encodePrettily() + "\n");
    }
}
