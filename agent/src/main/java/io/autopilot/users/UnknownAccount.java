package io.autopilot.users;

/** A user or group that the user database does not have; the message names it and the file that was searched. */
public final class UnknownAccount extends Exception {
    private static final long serialVersionUID = 1L;

    /** Which of the two keys it is about. */
    public enum Key { USER, GROUP }

    private final Key key;

    UnknownAccount(Key key, String message) {
        super(message, null, false, false);
        this.key = key;
    }

    public Key key() {
        return key;
    }
}
