package dev.latchkey.adapters.web.session;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

@Serdeable
@Schema(name = "SessionTokenInput")
public record SessionTokenRequest(
        @Schema(example = "cust-42") String linkedAccountId,
        @Schema(description = "60 to 86400; 3600 when left out.", example = "3600") @Nullable Integer ttlSeconds) {
}
