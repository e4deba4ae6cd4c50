package dev.latchkey.adapters.web.console;

import dev.latchkey.domain.workspace.ApiKey;
import dev.latchkey.domain.workspace.Workspace;
import io.micronaut.core.annotation.Nullable;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A workspace's live API keys (hint, created), the create and revoke forms, and a key just created,
 * shown this once. "Last used" is to the minute (see {@code AuthenticateApiKeyService}).
 */
public record ApiKeysView(String workspaceName, List<Row> keys, @Nullable String createdSecret, boolean revoked) implements ConsoleView {
    public record Row(String id, String hint, String createdAt, String lastUsedAt, String revokeAction) {
    }

    static ApiKeysView of(Workspace workspace, List<ApiKey> keys, @Nullable String createdSecret, boolean revoked) {
        String base = ConsolePaths.workspace(workspace.id().toString()) + "/api-keys";
        return new ApiKeysView(workspace.name().value(), keys.stream()
                .map(k -> new Row(k.id().toString(), k.hint(), ConsoleFormat.time(k.createdAt()),
                        k.lastUsedAt().map(ConsoleFormat::time).orElse("never"), base + "/" + k.id() + "/revoke")).toList(),
                createdSecret, revoked);
    }

    @Override
    public String template() {
        return "api-keys";
    }

    @Override
    public String title() {
        return "API keys · " + workspaceName;
    }

    @Override
    public Map<String, Object> toModel() {
        Map<String, Object> model = new HashMap<>();
        model.put("keys", keys.stream().map(k -> Map.of("id", k.id(), "hint", k.hint(), "created_at", k.createdAt(),
                "last_used_at", k.lastUsedAt(), "revoke_action", k.revokeAction())).toList());
        model.put("created_secret", createdSecret);
        model.put("revoked", revoked);
        return model;
    }

    @Override
    public String toString() {
        return "ApiKeysView[" + workspaceName + ", " + keys.size() + " keys]";
    }
}
