package dev.latchkey.application.port.in;

import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;

public interface GetAppUseCase {
    /** One enabled connector for this account; {@code connector_not_found} when unknown or disabled. */
    AppView get(WorkspaceId workspaceId, LinkedAccountId accountId, ConnectorSlug slug);
}
