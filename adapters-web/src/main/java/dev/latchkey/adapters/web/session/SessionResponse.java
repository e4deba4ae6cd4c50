package dev.latchkey.adapters.web.session;

import io.micronaut.serde.annotation.Serdeable;

@Serdeable
public record SessionResponse(String linkedAccountId, String expiresAt) {
}
