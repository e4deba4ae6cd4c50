package dev.latchkey.application.port.in;

import dev.latchkey.domain.FieldChange;
import dev.latchkey.domain.account.AccountName;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.account.Metadata;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.Objects;

public record UpdateLinkedAccountCommand(WorkspaceId workspaceId, LinkedAccountId id,
                                         FieldChange<AccountName> name, FieldChange<Metadata> metadata) {
    public UpdateLinkedAccountCommand {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(metadata, "metadata");
    }
}
