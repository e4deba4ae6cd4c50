package dev.latchkey.adapters.web.request;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The id of one request, answered in {@code X-Request-Id} and carried into the log line, the
 * activity record and the trace. A caller's own id is kept when it is well-formed (1 to 128 of
 * {@code A-Z a-z 0-9 . _ : -}), so its logs and Latchkey's join; anything else is replaced by a new id,
 * never echoed.
 */
public final class RequestId {
    public static final String HEADER = "X-Request-Id";
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestId() {
    }

    /** The caller's id when well-formed, else a new one. */
    public static String accept(String sent) {
        return sent != null && WELL_FORMED.matcher(sent).matches() ? sent : create();
    }

    public static String create() {
        return UUID.randomUUID().toString();
    }
}
