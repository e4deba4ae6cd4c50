package dev.latchkey.application.port.in;

import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.List;

public interface ListAppsUseCase {
    /** The workspace's enabled connectors, with this account's connections to each. */
    List<AppView> list(WorkspaceId workspaceId, LinkedAccountId accountId);
}
