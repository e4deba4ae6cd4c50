package dev.latchkey.adapters.web.connector;

import dev.latchkey.adapters.web.json.JsonRequest;
import dev.latchkey.domain.Violations;
import dev.latchkey.domain.workspace.AllowedOrigins;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** The body of PUT /v1/workspace/settings. */
@Serdeable
@Schema(name = "WorkspaceSettingsInput")
public record WorkspaceSettingsRequest(
        @Schema(description = "Origins allowed as return URLs, postMessage targets and iframe parents: scheme://host[:port] each; "
                + "[] allows none.", example = "[\"https://app.acme.com\"]", requiredMode = Schema.RequiredMode.REQUIRED)
        List<String> allowedOrigins) implements JsonRequest {

    @Override
    public void validate(Violations violations, JsonMapper json) {
        if (allowedOrigins != null) {
            violations.check("allowed_origins", () -> new AllowedOrigins(allowedOrigins));
        }
    }
}
