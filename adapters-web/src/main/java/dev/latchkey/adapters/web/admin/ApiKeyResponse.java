package dev.latchkey.adapters.web.admin;

import dev.latchkey.adapters.web.json.Timestamps;
import dev.latchkey.application.port.in.WorkspaceWithKey;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** A new key, shown in full this once. */
@Serdeable
public record ApiKeyResponse(String id, @Schema(description = "Shown once; only its hash is stored.") String key,
                             String hint, String workspaceId, @Schema(format = "date-time") String createdAt) {
    static ApiKeyResponse of(WorkspaceWithKey created) {
        return new ApiKeyResponse(created.key().id().toString(), created.secret().reveal(), created.key().hint(),
                created.workspace().id().toString(), Timestamps.format(created.key().createdAt()));
    }
}
