package dev.latchkey.adapters.web.session;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

@Serdeable
public record SessionResponse(String linkedAccountId, @Schema(format = "date-time") String expiresAt) {
}
