package dev.latchkey.adapters.web.session;

import dev.latchkey.adapters.web.json.JsonRequest;
import dev.latchkey.domain.Violations;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.session.SessionTtl;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The body of POST /v1/session-tokens. */
@Serdeable
@Schema(name = "SessionTokenInput")
public record SessionTokenRequest(
        @Schema(description = "The linked account the token acts for.", example = "cust-42", requiredMode = Schema.RequiredMode.REQUIRED)
        String linkedAccountId,
        @Schema(description = "60 to 86400; 3600 when left out.", example = "3600", minimum = "60", maximum = "86400") @Nullable Long ttlSeconds)
        implements JsonRequest {

    @Override
    public void validate(Violations violations, JsonMapper json) {
        if (linkedAccountId != null) {
            violations.check("linked_account_id", this::accountId);
        }
        violations.check("ttl_seconds", this::ttl);
    }

    LinkedAccountId accountId() {
        return new LinkedAccountId(linkedAccountId);
    }

    SessionTtl ttl() {
        return ttlSeconds == null ? SessionTtl.DEFAULT : SessionTtl.ofSeconds(ttlSeconds);
    }
}
