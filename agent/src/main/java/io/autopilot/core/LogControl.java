package io.autopilot.core;

import io.autopilot.logging.LoggingConfig;
import java.io.IOException;

/** What the agent may do to its own log besides writing to it: reopen its file (USR1) and apply a reloaded block. */
public interface LogControl {
    /** Reopens the log file after a rotation; a no-op for a stream. */
    void reopen();

    /** Applies a new {@code logging} block; on failure the old settings stay. */
    void reconfigure(LoggingConfig config) throws IOException;
}
