package dev.latchkey.adapters.web.admin;

import dev.latchkey.adapters.web.json.JsonRequest;
import dev.latchkey.domain.Violations;
import dev.latchkey.domain.workspace.Environment;
import dev.latchkey.domain.workspace.WorkspaceName;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The body of POST /admin/v1/workspaces. */
@Serdeable
@Schema(name = "NewWorkspace")
public record CreateWorkspaceRequest(
        @Schema(description = "1-63 of a-z 0-9 -, starting with a letter or digit", example = "acme",
                requiredMode = Schema.RequiredMode.REQUIRED) String name,
        @Schema(description = "test (default) or live", allowableValues = {"test", "live"}, example = "test") @Nullable String environment)
        implements JsonRequest {

    @Override
    public void validate(Violations violations, JsonMapper json) {
        if (name != null) {
            violations.check("name", this::workspaceName);
        }
        violations.check("environment", this::workspaceEnvironment);
    }

    WorkspaceName workspaceName() {
        return new WorkspaceName(name);
    }

    Environment workspaceEnvironment() {
        return environment == null ? Environment.TEST : Environment.parse(environment);
    }
}
