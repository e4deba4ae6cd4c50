package dev.latchkey.application.port.in;

import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.List;

public interface ListConfigsUseCase {
    /** Every stored config of the account, all apps and config ids. */
    List<ConfigSummary> list(WorkspaceId workspaceId, LinkedAccountId accountId);
}
