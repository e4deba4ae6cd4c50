package dev.latchkey.adapters.web.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

@Serdeable
public record CreateWorkspaceRequest(@Schema(example = "acme") String name,
                                     @Schema(description = "test (default) or live") @Nullable String environment) {
}
