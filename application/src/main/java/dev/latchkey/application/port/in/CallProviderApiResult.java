package dev.latchkey.application.port.in;

import dev.latchkey.domain.connection.ConnectionId;

import java.util.Objects;
import java.util.Optional;

/**
 * The provider's answer to an agent's call.
 *
 * @param body        the answer's body as text, cut at {@link #MAX_BODY_CHARS}
 * @param truncated   whether the body was cut
 * @param bodyLength  the length of the whole body as received (in characters, at most 1 MiB is read)
 * @param replayed    whether the call was sent again after the provider refused the token (401) and it was refreshed
 * @param json        the whole body parsed, when it is JSON (maps, lists, scalars): for picking parts of it
 */
public record CallProviderApiResult(ConnectionId connectionId, int status, Optional<String> contentType, String body, boolean truncated,
                                    int bodyLength, boolean replayed, Optional<Object> json) {
    /** The most of a provider's answer an agent is given (100 KB): more would flood a model's context. */
    public static final int MAX_BODY_CHARS = 100_000;

    public CallProviderApiResult {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(json, "json");
    }

    @Override
    public String toString() {
        return "CallProviderApiResult[status=" + status + ", bodyLength=" + bodyLength + "]";
    }
}
