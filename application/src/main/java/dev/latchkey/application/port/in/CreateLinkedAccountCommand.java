package dev.latchkey.application.port.in;

import dev.latchkey.domain.account.AccountName;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.account.Metadata;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.Objects;
import java.util.Optional;

public record CreateLinkedAccountCommand(WorkspaceId workspaceId, LinkedAccountId id, Optional<AccountName> name, Metadata metadata) {
    public CreateLinkedAccountCommand {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(metadata, "metadata");
    }
}
