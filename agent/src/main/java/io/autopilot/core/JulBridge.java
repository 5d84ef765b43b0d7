package io.autopilot.core;

import io.autopilot.logging.Log;
import io.autopilot.logging.LoggingConfig.Level;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import io.vertx.core.logging.JULLogDelegateFactory;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Sends what libraries log through {@code java.util.logging} (Vert.x, Netty, and {@code System.Logger} in our own
 * {@code process} package) into the agent's log, in its format and to its output. Without it JUL prints two-line
 * entries of its own to stderr, which break a JSON log and confuse anyone grepping ContainerPilot's messages.
 */
final class JulBridge extends Handler {
    private static final SimpleFormatter MESSAGES = new SimpleFormatter();
    private final Log log;

    private JulBridge(Log log) {
        this.log = log;
    }

    /**
     * Replaces JUL's console handler. Call before Vert.x or Netty is first used: each picks its logging once.
     * {@code log} may still be the bootstrap log: records go to it as it is configured when they come.
     */
    static void install(Log log) {
        // Told rather than left to look: Netty and Vert.x first try SLF4J and Log4j, which the agent does not ship,
        // and each failed try is a class that fails to load at every start and can be in no AOT cache.
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
        System.setProperty("vertx.logger-delegate-factory-class-name", JULLogDelegateFactory.class.getName());
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        follow(log);
        root.addHandler(new JulBridge(log));
    }

    /** Library DEBUG output is made only when the agent logs at DEBUG; call again once the log's level is known. */
    static void follow(Log log) {
        Logger.getLogger("").setLevel(log.enabled(Level.DEBUG) ? java.util.logging.Level.FINE
                : java.util.logging.Level.INFO);
    }

    @Override
    public void publish(LogRecord record) {
        Level level = levelOf(record.getLevel());
        if (!log.enabled(level)) {
            return;
        }
        String message = MESSAGES.formatMessage(record);
        if (record.getThrown() != null) {
            message = message + ": " + record.getThrown();
        }
        log.log(level, message, Map.of("logger", String.valueOf(record.getLoggerName())));
    }

    private static Level levelOf(java.util.logging.Level level) {
        int value = level.intValue();
        if (value >= java.util.logging.Level.SEVERE.intValue()) {
            return Level.ERROR;
        }
        if (value >= java.util.logging.Level.WARNING.intValue()) {
            return Level.WARN;
        }
        return value >= java.util.logging.Level.INFO.intValue() ? Level.INFO : Level.DEBUG;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
