package dev.latchkey.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /v1/session-tokens}: short-lived tokens for your frontend (the JS and React SDKs), one linked account each. */
public final class SessionTokens {
    private final Transport transport;

    SessionTokens(Transport transport) {
        this.transport = transport;
    }

    /** A token valid for Latchkey's default (one hour). */
    public SessionToken mint(String linkedAccountId) {
        return mint(linkedAccountId, null);
    }

    /**
     * A token for the linked account; {@code 404 linked_account_not_found} when it does not exist.
     *
     * @param ttl 60 seconds to 24 hours; null for the default (one hour)
     */
    public SessionToken mint(String linkedAccountId, Duration ttl) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("linked_account_id", linkedAccountId);
        if (ttl != null) {
            body.put("ttl_seconds", ttl.toSeconds());
        }
        return transport.call("POST", "/v1/session-tokens", body, Transport.Repeat.CREATE, Transport.type(SessionToken.class));
    }

    /** Refused from then on, on every instance. Idempotent. */
    public void revoke(String token) {
        transport.call("POST", "/v1/session-tokens/revoke", Map.of("token", token), Transport.Repeat.IDEMPOTENT, null);
    }
}
