package dev.latchkey.application.port.in;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The request id of the API call or proxied request a thread works for, so what a use case does for it
 * deep down (a refresh of the token) is recorded with the same id the caller was answered in
 * {@code X-Request-Id}. Set around a blocking step by the adapter that took the request.
 */
public final class RequestIds {
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private RequestIds() {
    }

    public static Optional<String> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /**
     * Makes {@code requestId} (null: none) this thread's current request id until {@link #restore}, for an
     * adapter whose framework carries a request's context from thread to thread by itself.
     *
     * @return the id it replaces, to hand to {@link #restore}
     */
    public static String enter(String requestId) {
        String outer = CURRENT.get();
        set(requestId);
        return outer;
    }

    /** Puts back the id {@link #enter} replaced. */
    public static void restore(String outer) {
        set(outer);
    }

    private static void set(String requestId) {
        if (requestId == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(requestId);
        }
    }

    /** Runs the step with {@code requestId} as the current request id. */
    public static <T> T within(String requestId, Callable<T> step) throws Exception {
        String outer = CURRENT.get();
        CURRENT.set(requestId);
        try {
            return step.call();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }
}
