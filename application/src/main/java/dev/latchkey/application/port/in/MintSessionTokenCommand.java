package dev.latchkey.application.port.in;

import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.session.SessionTtl;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.Objects;

public record MintSessionTokenCommand(WorkspaceId workspaceId, LinkedAccountId linkedAccountId, SessionTtl ttl) {
    public MintSessionTokenCommand {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(linkedAccountId, "linkedAccountId");
        Objects.requireNonNull(ttl, "ttl");
    }
}
