package dev.latchkey.application.port.out;

import dev.latchkey.domain.Page;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.account.LinkedAccountKey;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.Optional;

/** Linked accounts, always within one workspace. */
public interface LinkedAccountStorePort {
    /** Inserts; false when the workspace already has an account with this id (nothing written). */
    boolean insert(LinkedAccount account);

    /** Replaces name, metadata and updatedAt of the account with the same workspace, id and key. */
    void update(LinkedAccount account);

    Optional<LinkedAccount> find(WorkspaceId workspaceId, LinkedAccountId id);

    /** This incarnation of an account, if it still exists. */
    Optional<LinkedAccount> findByKey(WorkspaceId workspaceId, LinkedAccountKey key);

    /** Whether this incarnation of an account still exists. */
    boolean exists(WorkspaceId workspaceId, LinkedAccountKey key);

    /**
     * Accounts ordered by id, after {@code after} when given, whose id or name starts with
     * {@code prefix} when given; at most {@code limit}. The cursor of the page is the last id.
     */
    Page<LinkedAccount> list(WorkspaceId workspaceId, int limit, Optional<LinkedAccountId> after, Optional<String> prefix);

    /** Deletes the account and everything that hangs off it; false when there was none. */
    boolean delete(WorkspaceId workspaceId, LinkedAccountId id);
}
