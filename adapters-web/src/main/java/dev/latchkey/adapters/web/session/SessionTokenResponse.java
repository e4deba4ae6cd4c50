package dev.latchkey.adapters.web.session;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

@Serdeable
@Schema(name = "SessionToken", description = "Hand the token to your frontend; it reaches only this linked account.")
public record SessionTokenResponse(String token, @Schema(format = "date-time", example = "2026-11-25T11:00:00.000Z") String expiresAt, String linkedAccountId) {
}
