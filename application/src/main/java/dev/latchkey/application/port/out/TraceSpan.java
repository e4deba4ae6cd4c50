package dev.latchkey.application.port.out;

/**
 * One span opened by {@link TracerPort}: current on the thread that opened it until closed. Everything
 * but {@link #close()} is optional; the no-op span ignores it all.
 */
public abstract class TraceSpan implements AutoCloseable {
    /** The span of tracing turned off. */
    public static final TraceSpan NONE = new TraceSpan() {
    };

    /** A bounded, non-secret fact about the work (a status, a problem code). */
    public void attribute(String key, String value) {
    }

    public void attribute(String key, long value) {
    }

    /** The work failed: the span's status is an error, described by {@code code} (a problem code, never a provider's text). */
    public void failed(String code) {
    }

    /** Ends the span and restores the span that was current before it. */
    @Override
    public void close() {
    }
}
