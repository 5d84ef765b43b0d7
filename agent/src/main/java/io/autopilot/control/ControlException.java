package io.autopilot.control;

/** The control plane could not be reached or did not answer; the message is meant for the user. */
public final class ControlException extends Exception {
    private static final long serialVersionUID = 1L;

    public ControlException(String message) {
        super(message);
    }
}
