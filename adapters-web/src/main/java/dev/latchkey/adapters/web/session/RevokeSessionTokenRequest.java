package dev.latchkey.adapters.web.session;

import io.micronaut.serde.annotation.Serdeable;

@Serdeable
public record RevokeSessionTokenRequest(String token) {
}
