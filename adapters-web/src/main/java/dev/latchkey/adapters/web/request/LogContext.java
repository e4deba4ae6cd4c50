package dev.latchkey.adapters.web.request;

import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.propagation.MutablePropagatedContext;
import org.slf4j.MDC;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a log line says about the request it was written for: the logging MDC's {@code request_id} and
 * {@code workspace} (the JSON log's fields of the same names). Never a token, a header or a query value.
 *
 * <p>On Micronaut's server the values travel in the request's propagated context ({@link #add}), which
 * sets them on every thread that serves the request and takes them off again. The proxy, which runs on
 * its own Netty pipeline, sets them around its blocking steps and its own log lines ({@link #open}).
 */
public final class LogContext implements AutoCloseable {
    public static final String REQUEST_ID = "request_id";
    public static final String WORKSPACE = "workspace";

    private final String[] keys;
    private final String[] previous;

    private LogContext(String[] keys, String[] values) {
        this.keys = keys;
        this.previous = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            previous[i] = MDC.get(keys[i]);
            if (values[i] == null) {
                MDC.remove(keys[i]);
            } else {
                MDC.put(keys[i], values[i]);
            }
        }
    }

    /** Puts the request's id and workspace (null while unknown) into this thread's MDC until {@link #close}. */
    public static LogContext open(String requestId, Object workspace) {
        return new LogContext(new String[] {REQUEST_ID, WORKSPACE},
                new String[] {requestId, workspace == null ? null : workspace.toString()});
    }

    /** Puts back what this thread's MDC held before. */
    @Override
    public void close() {
        for (int i = 0; i < keys.length; i++) {
            if (previous[i] == null) {
                MDC.remove(keys[i]);
            } else {
                MDC.put(keys[i], previous[i]);
            }
        }
    }

    /**
     * Adds {@code key} to the MDC the request's threads log with. Merged into the request's one MDC
     * element: a second element would replace the first's whole map on every thread it is set on.
     */
    public static void add(MutablePropagatedContext context, String key, String value) {
        Optional<MdcPropagationContext> existing = context.getContext().find(MdcPropagationContext.class);
        Map<String, String> merged = new HashMap<>(existing.map(MdcPropagationContext::state).orElse(Map.of()));
        merged.put(key, value);
        MdcPropagationContext updated = new MdcPropagationContext(merged);
        existing.ifPresentOrElse(old -> context.replace(old, updated), () -> context.add(updated));
    }
}
