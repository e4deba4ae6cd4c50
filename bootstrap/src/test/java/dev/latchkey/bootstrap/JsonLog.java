package dev.latchkey.bootstrap;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The log of a test as LATCHKEY_LOG_FORMAT=json writes it: events are captured in-process (attached to
 * the root logger while open) and written by the encoder the application's own logback.xml picks for
 * LATCHKEY_LOG_FORMAT=json, read into a logging context of its own. Each line comes back parsed.
 */
final class JsonLog implements AutoCloseable {
    private final JsonMapper json;
    private final Encoder<ILoggingEvent> encoder;
    private final LoggerContext isolated = new LoggerContext();
    private final ch.qos.logback.classic.Logger root =
            ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> events = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing(); // the MDC of the thread that logged, taken now
            super.append(event);
        }
    };

    @SuppressWarnings("unchecked")
    JsonLog(JsonMapper json) {
        this.json = json;
        isolated.putProperty("LATCHKEY_LOG_FORMAT", "json");
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(isolated);
        try {
            configurator.doConfigure(JsonLog.class.getResource("/logback.xml"));
        } catch (JoranException e) {
            throw new IllegalStateException("logback.xml", e);
        }
        // The root's console appender, whatever logback.xml names it.
        encoder = ((OutputStreamAppender<ILoggingEvent>) isolated.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders().next())
                .getEncoder();
        events.setContext(root.getLoggerContext());
        events.start();
        root.addAppender(events);
    }

    /** Each line written so far, parsed. */
    List<Map<String, Object>> lines() {
        List<ILoggingEvent> written;
        synchronized (events) { // the appender's own lock, held while it appends
            written = List.copyOf(events.list);
        }
        return written.stream().map(this::line).toList();
    }

    private Map<String, Object> line(ILoggingEvent event) {
        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
        try {
            return json.readValue(line, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(line, e);
        }
    }

    @Override
    public void close() {
        root.detachAppender(events);
        events.stop();
        isolated.stop();
    }
}
