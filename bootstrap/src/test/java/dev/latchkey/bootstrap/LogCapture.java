package dev.latchkey.bootstrap;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Keeps, for each log event, all the text a secret could hide in: the formatted message, every argument
 * (used by the message or not), every MDC value and key-value pair, and each throwable's class and
 * message down its causes and suppressed ones. Only events the configuration lets through (what a log
 * would show) reach it. The suite's capture leaves out the test tools' own loggers (WireMock, the mock
 * OAuth server, the contract checker): they are not Latchkey's log.
 *
 * <p>{@link #suite()} is attached to the root logger for the whole test run. Micronaut resets logback
 * when an application context starts (and reconfigures it from logback.xml), which detaches every
 * appender: a reset-resistant context listener attaches it again.
 */
final class LogCapture extends UnsynchronizedAppenderBase<ILoggingEvent> {
    /** One event, as text: where it was logged, and everything it carried. */
    record Line(String where, String text) {
    }

    private static final List<String> TEST_TOOLS = List.of("no.nav.security.mock", "com.github.tomakehurst.wiremock", "wiremock.",
            "com.atlassian.oai.validator", "org.openqa.selenium");
    private static final LogCapture SUITE = new LogCapture();
    private final ConcurrentLinkedQueue<Line> lines = new ConcurrentLinkedQueue<>();

    LogCapture() {
        setName("latchkey-test-capture");
    }

    /** The capture of the whole run, attached to the root logger from the first call on. */
    static synchronized LogCapture suite() {
        if (!SUITE.isStarted()) {
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            SUITE.setContext(context);
            context.addListener(new Reattach());
            SUITE.attachTo(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME));
        }
        return SUITE;
    }

    void attachTo(Logger logger) {
        if (!isStarted()) {
            start();
        }
        if (logger.getAppender(getName()) == null) {
            logger.addAppender(this);
        }
    }

    /** Everything captured since the last call. */
    List<Line> drain() {
        List<Line> drained = new ArrayList<>();
        for (Line line; (line = lines.poll()) != null; ) {
            drained.add(line);
        }
        return drained;
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (this == SUITE && fromTestTools(event.getLoggerName())) {
            return;
        }
        StringBuilder text = new StringBuilder(256).append(event.getFormattedMessage());
        Object[] arguments = event.getArgumentArray();
        if (arguments != null) {
            for (Object argument : arguments) {
                text.append('\n').append(argument);
            }
        }
        event.getMDCPropertyMap().values().forEach(value -> text.append('\n').append(value));
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs != null) {
            pairs.forEach(pair -> text.append('\n').append(pair.value));
        }
        throwable(event.getThrowableProxy(), text, 0);
        lines.add(new Line(event.getLevel() + " " + event.getLoggerName() + ": " + event.getMessage(), text.toString()));
    }

    /**
     * The test's stand-ins for providers and its contract checker are no part of a deployment: they log
     * what the tests send them (a client secret in a token request), which is not Latchkey's log.
     */
    private static boolean fromTestTools(String logger) {
        for (String tool : TEST_TOOLS) {
            if (logger.startsWith(tool)) {
                return true;
            }
        }
        return false;
    }

    private static void throwable(IThrowableProxy proxy, StringBuilder text, int depth) {
        if (proxy == null || depth > 20) {
            return;
        }
        text.append('\n').append(proxy.getClassName()).append(": ").append(proxy.getMessage());
        throwable(proxy.getCause(), text, depth + 1);
        for (IThrowableProxy suppressed : proxy.getSuppressed()) {
            throwable(suppressed, text, depth + 1);
        }
    }

    /** Puts the suite's capture back on the root logger after each reset of the logging context. */
    private static final class Reattach implements LoggerContextListener {
        @Override
        public boolean isResetResistant() {
            return true;
        }

        @Override
        public void onReset(LoggerContext context) {
            SUITE.attachTo(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME));
        }

        @Override
        public void onStart(LoggerContext context) {
        }

        @Override
        public void onStop(LoggerContext context) {
        }

        @Override
        public void onLevelChange(Logger logger, ch.qos.logback.classic.Level level) {
        }
    }
}
