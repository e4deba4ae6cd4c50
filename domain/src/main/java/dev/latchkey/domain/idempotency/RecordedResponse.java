package dev.latchkey.domain.idempotency;

import java.util.Objects;
import java.util.Optional;

/**
 * The first answer to an idempotent request, as it is sent again to a retry: the status, the headers
 * that matter and the body. The body may hold a secret (a new session token, API key or webhook
 * signing secret): it is stored encrypted and never printed.
 */
public record RecordedResponse(int status, Optional<String> contentType, Optional<String> location, byte[] body) {
    public RecordedResponse {
        if (status < 200 || status > 499) {
            throw new IllegalArgumentException("only a 2xx, 3xx or 4xx answer is recorded; a 5xx may be retried");
        }
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(location, "location");
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecordedResponse that && status == that.status && contentType.equals(that.contentType)
                && location.equals(that.location) && java.util.Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, contentType, location, java.util.Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "RecordedResponse[status=" + status + ", contentType=" + contentType.orElse("-") + ", " + body.length + " bytes]";
    }
}
